using System.Diagnostics;
using System.Net;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using WasGo.Host.Hosting;
using WasGo.Host.Tests.Http;
using WasGo.Host.Worlds;
using WasGo.Persistence;
using WasGo.Scripting;

namespace WasGo.Host.Tests.Requests;

/// <summary>No world, however busy or broken, holds up the listing of worlds or another world's calls, or restarts in a hot loop.</summary>
public sealed class WorldIsolationTests
{
    /// <summary>A listing waits a second for each world (all at once); this leaves room for a slow machine.</summary>
    private static readonly TimeSpan s_prompt = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task ListingWorlds_Should_AnswerPromptly_AndOtherWorldsCalls_WhileOneWorldIsBusyForSeconds()
    {
        // Each tick of the busy world runs a script that spins until the 5 s limit stops it.
        await using TestHost host = await TestHost.StartAsync(settings:
        [
            "--WasGo:Worlds:CallTimeLimit=00:00:05",
            "--WasGo:Worlds:FuelPerCall=1000000000000",
            "--WasGo:Http:CallTimeout=00:00:30",
        ]);
        using HttpClient admin = host.Client();
        await HostileScript.WorldWithAnEntityAsync(admin, "busy", "h");
        await admin.CreateWorldAsync("calm");
        await admin.SpawnAsync("calm", "c", "hostile");
        (await ListAsync(admin)).Select(w => w.GetProperty("state").GetString()).Should().Equal("running", "running");

        (await admin.CallAsync("busy", "h", "set_mode", "[1]")).StatusCode.Should().Be(HttpStatusCode.OK);
        await admin.EventuallyAsync("/api/worlds", list => State(list, "busy") == "busy");

        for (int round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            JsonElement[] list = await ListAsync(admin);
            clock.Elapsed.Should().BeLessThan(s_prompt, "a listing never waits for a busy world");
            list.Select(w => w.GetProperty("id").GetString()).Should().Equal("busy", "calm");
            list[0].GetProperty("state").GetString().Should().Be("busy");
            list[0].GetProperty("tick").GetInt64().Should().BeGreaterThan(0, "a busy world is listed as last known");
            list[1].GetProperty("state").GetString().Should().Be("running");

            clock.Restart();
            HttpResponseMessage bumped = await admin.CallAsync("calm", "c", "bump", "[]");
            bumped.StatusCode.Should().Be(HttpStatusCode.OK);
            clock.Elapsed.Should().BeLessThan(s_prompt, "another world's calls do not wait for the busy one");
        }
    }

    [Fact]
    public async Task AWorldThatFailsEachTimeItStarts_Should_BeRestartedWithBackoff_WhileTheHostServesTheOthers()
    {
        await using TestHost host = await TestHost.StartAsync(settings: "--WasGo:Http:CallTimeout=00:00:05");
        using HttpClient admin = host.Client();
        await admin.DeployExampleAsync("counter");
        await admin.CreateWorldAsync("broken");
        await admin.CreateWorldAsync("calm");
        await admin.SpawnAsync("calm", "c", "counter");
        await ListAsync(admin);

        // A record the world cannot read, written where its next one goes: the running world loses its
        // journal to it (the sequence number is taken) and stops; started again, it fails on every replay.
        await CorruptJournalAsync(host.Services.GetRequiredService<StorageHostedService>().Store, "world/broken/inputs");

        var window = Stopwatch.StartNew();
        while (window.Elapsed < TimeSpan.FromSeconds(5))
        {
            var clock = Stopwatch.StartNew();
            JsonElement[] list = await ListAsync(admin);
            clock.Elapsed.Should().BeLessThan(s_prompt);
            list.Select(w => w.GetProperty("id").GetString()).Should().Equal("broken", "calm");
            (await admin.CallAsync("calm", "c", "increment", "[1]")).StatusCode.Should().Be(HttpStatusCode.OK);

            HttpResponseMessage call = await admin.GetAsync("/api/worlds/broken/entities");
            call.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable);
            if (call.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                call.Headers.RetryAfter.Should().NotBeNull("a restarting world says when to try again");
                (await call.ReadProblemAsync(HttpStatusCode.ServiceUnavailable)).Should().Contain("World 'broken' failed").And.Contain("started again in");
            }

            await Task.Delay(200);
        }

        // Started again after 0.2, 0.4, 0.8, 1.6, 3.2 s: a handful of failures, not thousands.
        int failures = host.Logs.Entries.Count(e => e.EventId.Id == 8037 && e.Message.StartsWith("World broken failed", StringComparison.Ordinal));
        failures.Should().BeInRange(1, 8, "the world must back off between restarts:\n" + string.Join('\n', host.Logs.Entries.TakeLast(5)));
    }

    private static async Task CorruptJournalAsync(IPersistenceProvider store, string journal)
    {
        while (true)
        {
            long last = 0;
            await foreach (JournalEvent e in store.Journal.ReplayAsync(journal))
            {
                last = e.SequenceNr;
            }

            try
            {
                await store.Journal.AppendAsync(journal, [new JournalEvent(last + 1, new byte[] { 0xFF }, RecordedTick.Manifest)]);
                return;
            }
            catch (JournalSequenceException)
            {
                // The world recorded its progress meanwhile: write after that.
            }
        }
    }

    private static async Task<JsonElement[]> ListAsync(HttpClient admin) =>
        [.. (await (await admin.GetAsync("/api/worlds")).ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray()];

    private static string? State(JsonElement list, string worldId) =>
        list.EnumerateArray().FirstOrDefault(w => w.GetProperty("id").GetString() == worldId) is { ValueKind: JsonValueKind.Object } world
            && world.TryGetProperty("state", out JsonElement state)
            ? state.GetString()
            : null;
}
