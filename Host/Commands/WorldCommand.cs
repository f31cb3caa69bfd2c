using System.CommandLine;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using WasGo.Client;

namespace WasGo.Host.Commands;

/// <summary><c>wasgo world create|list|tick-rate|follow</c>, against a running host.</summary>
internal static class WorldCommand
{
    /// <summary>
    /// The exit code of <c>world follow</c> when the client's world disagreed with the host's: apart
    /// from 1 (a usage error, or a world that cannot be followed at all) and 2 (bad settings).
    /// </summary>
    public const int Disagreed = 3;

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

        var followed = new Argument<string>("world") { Description = "The world to follow." };
        var ticks = new Option<long?>("--ticks") { Description = "Stop after this many ticks, exiting 0 (default: follow until Ctrl+C)." };
        ticks.Validators.Add(static result =>
        {
            if (result.GetValueOrDefault<long?>() is < 1)
            {
                result.AddError("--ticks must be at least 1.");
            }
        });
        var follow = new Command("follow", $"Co-simulate a world: run its scripts here from its input feed and check every tick's digest against the host's. Prints a status line a second; at the first disagreement names the tick, entity and column and exits {Disagreed}.") { followed, ticks };
        follow.SetHandler((parseResult, cancellationToken) => FollowAsync(connection, parseResult, parseResult.GetRequiredValue(followed), parseResult.GetValue(ticks), cancellationToken));

        return connection.AddTo(new Command("world", "Create, list and follow worlds and set their tick rate on a running host.") { create, list, setRate, follow });
    }

    private static async Task<int> FollowAsync(HostConnection connection, ParseResult parseResult, string worldId, long? ticks, CancellationToken cancellationToken)
    {
        string token = connection.TokenFor(parseResult)
            ?? throw new CommandException("following a world needs a token: pass --token (the world's or the admin token), set WASGO_TOKEN, or point --data at the dev host's data folder.");
        var progress = new FollowProgress(worldId);
        using var stop = new StopSignals(cancellationToken);
        try
        {
            // Asked over HTTP first: an unknown world or a refused token is the host's own 404 or 401
            // now, where the feed's WebSocket would say only that its upgrade failed.
            using (HostApi api = connection.Open(parseResult))
            {
                await api.GetAsync($"/api/worlds/{Uri.EscapeDataString(worldId)}", stop.Token).ConfigureAwait(false);
            }

            // Warnings only: that the feed started afresh (ticks left unchecked), a script's failures.
            using ILoggerFactory loggers = LoggerFactory.Create(static logging => logging
                .SetMinimumLevel(LogLevel.Warning)
                .AddSimpleConsole(static console => console.SingleLine = true)
                .AddConsole(static console => console.LogToStandardErrorThreshold = LogLevel.Trace));
            using var follower = new WorldFollower(new WorldFollowerOptions { Host = connection.AddressOf(parseResult), WorldId = worldId, Token = token }, loggers.CreateLogger<WorldFollower>());
            await foreach (FollowedTick tick in follower.FollowAsync(stop.Token).ConfigureAwait(false))
            {
                if (!tick.Agrees)
                {
                    await Console.Error.WriteLineAsync($"wasgo: world {worldId} disagrees with the host. {tick.Disagreement}").ConfigureAwait(false);
                    return Disagreed;
                }

                progress.Agreed(tick);
                // Checked here as well: a follower behind a fast world steps the frames it has at hand
                // (ChannelReader.ReadAllAsync) before it looks at its token again.
                if (progress.Count == ticks || stop.Token.IsCancellationRequested)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stop.Token.IsCancellationRequested)
        {
            // Ctrl+C: following ends as asked, with what was checked so far.
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException)
        {
            // The host stayed away longer than the follower waits for it (two minutes), or would not send a module.
            throw new CommandException($"could not follow world {worldId}: {e.Message}");
        }

        progress.Summary();
        return 0;
    }
}
