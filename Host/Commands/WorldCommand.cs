using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace WasGo.Host.Commands;

/// <summary><c>wasgo world create|list|tick-rate</c>, against a running host.</summary>
internal static class WorldCommand
{
    public static Command Create(HostConnection connection)
    {
        var id = new Argument<string>("id") { Description = "The world's id." };
        var tickRate = new Option<double>("--tick-rate") { Description = "Ticks a second (default 20), fixed for the world's life.", DefaultValueFactory = static _ => 20 };
        var create = new Command("create", "Create a world; prints its token (shown only this once).") { id, tickRate };
        create.SetHandler(async (parseResult, cancellationToken) =>
        {
            using HostApi api = connection.Open(parseResult);
            JsonElement created = await api.PostJsonAsync("/api/worlds", new { id = parseResult.GetRequiredValue(id), tickRate = parseResult.GetValue(tickRate) }, cancellationToken).ConfigureAwait(false);
            CliOutput.Success($"world {created.GetProperty("id").GetString()} runs at {created.GetProperty("tickRate").GetDouble().ToString(CultureInfo.InvariantCulture)} ticks a second");
            CliOutput.Line("token: " + created.GetProperty("token").GetString());
            return 0;
        });

        var list = new Command("list", "List the worlds with their tick, digest and entity count.");
        list.SetHandler(async (parseResult, cancellationToken) =>
        {
            using HostApi api = connection.Open(parseResult);
            Table table = CliOutput.Table("World", "Tick rate", "Tick", "Digest", "Entities", "State");
            foreach (JsonElement w in (await api.GetAsync("/api/worlds", cancellationToken).ConfigureAwait(false)).EnumerateArray())
            {
                // A busy or restarting world is listed as last known: a value not known yet is null.
                table.Row(
                    w.GetProperty("id").GetString(),
                    w.GetProperty("tickRate").GetDouble().ToString(CultureInfo.InvariantCulture),
                    w.GetProperty("tick") is { ValueKind: JsonValueKind.Number } tick ? tick.GetInt64().ToString(CultureInfo.InvariantCulture) : "?",
                    w.GetProperty("digest").GetString() ?? "?",
                    w.GetProperty("entityCount") is { ValueKind: JsonValueKind.Number } count ? count.GetInt32().ToString(CultureInfo.InvariantCulture) : "?",
                    w.TryGetProperty("state", out JsonElement state) ? state.GetString() : null);
            }

            CliOutput.Console.Write(table);
            return 0;
        });

        var rateOf = new Argument<string>("id") { Description = "The world's id." };
        var newRate = new Argument<double>("rate") { Description = "Ticks a second, from the world's next tick on." };
        var setRate = new Command("tick-rate", "Change a world's tick rate (recorded in its journal like any input).") { rateOf, newRate };
        setRate.SetHandler(async (parseResult, cancellationToken) =>
        {
            using HostApi api = connection.Open(parseResult);
            JsonElement world = await api.PutInputAsync($"/api/worlds/{Uri.EscapeDataString(parseResult.GetRequiredValue(rateOf))}/tick-rate", new { tickRate = parseResult.GetValue(newRate) }, cancellationToken).ConfigureAwait(false);
            CliOutput.Success($"world {world.GetProperty("id").GetString()} runs at {world.GetProperty("tickRate").GetDouble().ToString(CultureInfo.InvariantCulture)} ticks a second");
            return 0;
        });

        return connection.AddTo(new Command("world", "Create and list worlds and set their tick rate on a running host.") { create, list, setRate });
    }
}
