using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Spectre.Console;
using WasGo.Host.Hosting;
using WasGo.Persistence;

namespace WasGo.Host.Commands;

/// <summary>
/// <c>wasgo sql "statement" …</c>: runs SQL on the dev host's database (or another SQLite file) with
/// libSQL's WebAssembly functions: <c>CREATE FUNCTION f LANGUAGE wasm AS X'…'</c> stores one, and
/// any later query can call it. An argument may hold several statements, each ended by <c>;</c>, as
/// libSQL's shell takes them (<see cref="SqlStatements.Split"/>). Works beside a running host (SQLite
/// in WAL mode).
/// </summary>
internal static class SqlCommand
{
    public static Command Create()
    {
        var statements = new Argument<string[]>("statements") { Description = "SQL statements, run in order; one argument may hold several, each ended by ';'.", Arity = ArgumentArity.OneOrMore };
        var data = new Option<string>("--data") { Description = "The dev host's data folder (default: data); its wasgo.db is used.", DefaultValueFactory = static _ => "data" };
        var database = new Option<FileInfo?>("--database") { Description = "Another SQLite file to use instead (created if missing)." };
        var command = new Command("sql", "Run SQL with WebAssembly functions (libSQL's CREATE FUNCTION … LANGUAGE wasm) on the host's database.") { statements, data, database };
        command.SetHandler(async (parseResult, cancellationToken) =>
        {
            string path = parseResult.GetValue(database)?.FullName ?? Path.GetFullPath(Path.Combine(parseResult.GetValue(data)!, StorageOptions.DatabaseFile));
            if (parseResult.GetValue(database) is null && !File.Exists(path))
            {
                throw new CommandException($"there is no database at {path}; start 'wasgo run' once in this folder, point --data at its data folder, or give --database.");
            }

            // Each argument may hold several statements, as libSQL's shell takes them: "CREATE FUNCTION f …; SELECT f(1);".
            string[] sqls = [.. parseResult.GetRequiredValue(statements).SelectMany(SqlStatements.Split)];
            try
            {
                WasmSqlConnection connection = await WasmSqlConnection.OpenAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    for (int i = 0; i < sqls.Length; i++)
                    {
                        try
                        {
                            await RunAsync(connection, sqls[i], cancellationToken).ConfigureAwait(false);
                        }
                        catch (Exception e) when (sqls.Length > 1 && e is SqliteException or WasmFunctionException)
                        {
                            // The ones before it ran (and printed what they did); name this one, since SQLite's message does not.
                            throw new CommandException(string.Create(CultureInfo.InvariantCulture, $"statement {i + 1} of {sqls.Length} ({Opening(sqls[i])}) failed: {e.Message}"));
                        }
                    }
                }
            }
            catch (Exception e) when (e is SqliteException or WasmFunctionException)
            {
                throw new CommandException(e.Message);
            }

            return 0;
        });
        return command;
    }

    private static async Task RunAsync(WasmSqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        string verb = sql.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries) is [var first, var second, ..] ? first + " " + second : string.Empty;
        bool creates = verb.Equals("CREATE FUNCTION", StringComparison.OrdinalIgnoreCase);
        if (creates || verb.Equals("DROP FUNCTION", StringComparison.OrdinalIgnoreCase))
        {
            await connection.ExecuteAsync(sql, cancellationToken).ConfigureAwait(false);
            CliOutput.Success(creates ? "function created" : "function dropped");
            return;
        }

        SqlQueryResult result = await connection.QueryAsync(sql, cancellationToken).ConfigureAwait(false);
        if (result.Columns.Count == 0)
        {
            CliOutput.Success("done");
            return;
        }

        Table table = CliOutput.Table([.. result.Columns]);
        foreach (object?[] row in result.Rows)
        {
            table.Row([.. row.Select(Show)]);
        }

        CliOutput.Console.Write(table);
    }

    /// <summary>The start of a statement, on one line, to say which one failed.</summary>
    private static string Opening(string sql)
    {
        const int Length = 40;
        string line = string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= Length ? line : line[..Length] + "…";
    }

    private static string Show(object? value) => value switch
    {
        null => "NULL",
        byte[] bytes => "X'" + Convert.ToHexString(bytes) + "'",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
