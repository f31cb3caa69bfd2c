using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace WasGo.Host.Commands;

/// <summary><c>wasgo entity spawn|call|state</c>, against a running host.</summary>
internal static class EntityCommand
{
    public static Command Create(HostConnection connection)
    {
        var world = new Argument<string>("world") { Description = "The world." };
        var entity = new Argument<string>("entity") { Description = "The entity's id." };
        var module = new Argument<string>("module") { Description = "The deployed module it runs (its newest version)." };
        var spawn = new Command("spawn", "Spawn an entity running a deployed module.") { world, entity, module };
        spawn.SetHandler(async (parseResult, cancellationToken) =>
        {
            using HostApi api = connection.Open(parseResult);
            string worldId = parseResult.GetRequiredValue(world);
            JsonElement spawned = await api.PostInputAsync($"/api/worlds/{Uri.EscapeDataString(worldId)}/entities", new { id = parseResult.GetRequiredValue(entity), module = parseResult.GetRequiredValue(module) }, cancellationToken).ConfigureAwait(false);
            PrintSpawned(spawned, worldId, parseResult.GetRequiredValue(module));
            return 0;
        });

        var method = new Argument<string>("method") { Description = "The method." };
        var args = new Argument<string[]>("args")
        {
            Description = "Its arguments, each JSON (5, 2.5, null, '\"text\"', '{\"bytes\":\"AAE=\"}', '{\"float\":3}'); anything that is not JSON is a string.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var call = new Command("call", "Call a method of an entity and print what it returned.") { world, entity, method, args };
        call.SetHandler(async (parseResult, cancellationToken) =>
        {
            using HostApi api = connection.Open(parseResult);
            JsonElement[] values = [.. (parseResult.GetValue(args) ?? []).Select(ParseArgument)];
            string path = $"/api/worlds/{Uri.EscapeDataString(parseResult.GetRequiredValue(world))}/entities/{Uri.EscapeDataString(parseResult.GetRequiredValue(entity))}/calls/{Uri.EscapeDataString(parseResult.GetRequiredValue(method))}";
            JsonElement result = await api.PostInputAsync(path, new { args = values }, cancellationToken).ConfigureAwait(false);
            CliOutput.Line(CliOutput.Value(result.GetProperty("value")));
            return 0;
        });

        var state = new Command("state", "Print an entity's state row.") { world, entity };
        state.SetHandler(async (parseResult, cancellationToken) =>
        {
            using HostApi api = connection.Open(parseResult);
            PrintState(await api.GetAsync($"/api/worlds/{Uri.EscapeDataString(parseResult.GetRequiredValue(world))}/entities/{Uri.EscapeDataString(parseResult.GetRequiredValue(entity))}", cancellationToken).ConfigureAwait(false));
            return 0;
        });

        return connection.AddTo(new Command("entity", "Spawn entities, call their methods and read their state on a running host.") { spawn, call, state });
    }

    /// <summary>An argument as JSON if it is JSON, else as a string: <c>5</c> is an integer, <c>hello</c> a string.</summary>
    private static JsonElement ParseArgument(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }

    /// <summary>
    /// Says what was spawned (entity, world, module version and hash) and its row after the tick that
    /// ran its <c>_ready</c>; a script that sets no column there (the counter sets its count when first
    /// called) has an empty row, which is said rather than drawn as an empty table.
    /// </summary>
    private static void PrintSpawned(JsonElement spawned, string worldId, string moduleName)
    {
        string id = spawned.GetProperty("id").GetString()!;
        string world = spawned.TryGetProperty("world", out JsonElement w) && w.GetString() is { } named ? named : worldId;
        string runs = spawned.TryGetProperty("module", out JsonElement module) && module.ValueKind == JsonValueKind.Object
            ? $"{module.GetProperty("name").GetString()}@{module.GetProperty("version").GetString()} ({module.GetProperty("hash").GetString()![..12]})"
            : $"{moduleName}@newest";
        CliOutput.Success($"spawned {id} in {world}, running {runs}");
        if (spawned.GetProperty("columns").EnumerateObject().Any())
        {
            PrintState(spawned);
        }
        else
        {
            CliOutput.Line($"its row is empty: its _ready set no columns (they show in wasgo entity state {world} {id} once its methods set some)");
        }
    }

    private static void PrintState(JsonElement entity)
    {
        if (!entity.GetProperty("columns").EnumerateObject().Any())
        {
            CliOutput.Line($"{entity.GetProperty("id").GetString()} has no columns: its script has set none yet.");
            return;
        }

        Table table = CliOutput.Table("Column", "Value");
        foreach (JsonProperty column in entity.GetProperty("columns").EnumerateObject())
        {
            table.Row(column.Name, CliOutput.Value(column.Value));
        }

        CliOutput.Console.Write(table);
    }
}
