using System.Text.Json;
using Spectre.Console;

namespace WasGo.Host.Commands;

/// <summary>How commands print: Spectre.Console tables, full width when the output goes to a file or pipe so nothing wraps.</summary>
internal static class CliOutput
{
    public static IAnsiConsole Console { get; } = Create();

    public static Table Table(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (string header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)));
        }

        return table;
    }

    public static void Row(this Table table, params string?[] cells) =>
        table.AddRow([.. cells.Select(c => new Text(c ?? string.Empty))]);

    /// <summary>Prints a line of plain text (no markup is interpreted).</summary>
    public static void Line(string text) => Console.WriteLine(text);

    public static void Success(string text) => Console.MarkupLine("[green]✓[/] " + Markup.Escape(text));

    /// <summary>Shows a value of the API's JSON (an entity column, a call's result) as compact JSON.</summary>
    public static string Value(JsonElement value) => value.GetRawText();

    private static IAnsiConsole Create()
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Out) });
        if (System.Console.IsOutputRedirected)
        {
            console.Profile.Width = 250;
        }

        return console;
    }
}
