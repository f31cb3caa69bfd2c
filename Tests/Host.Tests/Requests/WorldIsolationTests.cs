using System.Diagnostics;
using System.Net;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using WasGo.Actors.Serialization;
using WasGo.Actors.Worlds;
using WasGo.Host.Hosting;
using WasGo.Host.Tests.Http;
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
        string data = Path.Combine(Path.GetTempPath(), "wasgo-isolation-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (TestHost first = await TestHost.StartAsync(settings: "--WasGo:Storage:DataPath=" + data))
            {
                using HttpClient setup = first.Client();
                await setup.DeployExampleAsync("counter");
                await setup.CreateWorldAsync("broken");
                await setup.CreateWorldAsync("calm");
                await setup.SpawnAsync("calm", "c", "counter");
                await setup.SpawnAsync("broken", "b", "counter");
            }

            // A record the world cannot read after its last one: every recovery of it fails.
            await AppendUnreadableEventAsync(Path.Combine(data, StorageOptions.DatabaseFile), WorldActor.PersistenceIdOf("broken"));
            await using TestHost host = await TestHost.StartAsync(settings: "--WasGo:Storage:DataPath=" + data);
            using HttpClient admin = host.Client();

            var window = Stopwatch.StartNew();
            while (window.Elapsed < TimeSpan.FromSeconds(5))
            {
                var clock = Stopwatch.StartNew();
                JsonElement[] list = await ListAsync(admin);
                clock.Elapsed.Should().BeLessThan(s_prompt);
                list.Select(w => w.GetProperty("id").GetString()).Should().Equal("broken", "calm");
                (await admin.CallAsync("calm", "c", "increment", "[1]")).StatusCode.Should().Be(HttpStatusCode.OK);

                HttpResponseMessage call = await admin.GetAsync("/api/worlds/broken/entities");
                call.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "the world never recovers");
                call.Headers.RetryAfter.Should().NotBeNull("a restarting world says when to try again");
                (await call.ReadProblemAsync(HttpStatusCode.ServiceUnavailable)).Should().Contain("World 'broken' failed").And.Contain("started again in");
                await Task.Delay(200);
            }

            // Started again after 0.2, 0.4, 0.8, 1.6, 3.2 s: a handful of failures, not thousands.
            int failures = host.Logs.Entries.Count(e => e.EventId.Id == 8037 && e.Message.StartsWith("World broken failed", StringComparison.Ordinal));
            failures.Should().BeInRange(1, 8, "the world must back off between restarts:\n" + string.Join('\n', host.Logs.Entries.TakeLast(5)));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Appends, behind Akka.Persistence.Sql's back, a row naming the world's event serializer and a tick format whose bytes do not decode.</summary>
    private static async Task AppendUnreadableEventAsync(string database, string persistenceId)
    {
        await using var connection = new SqliteConnection("Data Source=" + database);
        await connection.OpenAsync();
        await using SqliteCommand append = connection.CreateCommand();
        append.CommandText =
            "INSERT INTO journal (deleted, persistence_id, sequence_number, created, message, identifier, manifest, writer_uuid) " +
            "SELECT 0, $id, MAX(sequence_number) + 1, 0, X'FF', $serializer, $manifest, 'test' FROM journal WHERE persistence_id = $id";
        append.Parameters.AddWithValue("$id", persistenceId);
        append.Parameters.AddWithValue("$serializer", WorldEventSerializer.SerializerIdentifier);
        append.Parameters.AddWithValue("$manifest", RecordedTick.Manifest);
        (await append.ExecuteNonQueryAsync()).Should().Be(1);
    }

    private static async Task<JsonElement[]> ListAsync(HttpClient admin) =>
        [.. (await (await admin.GetAsync("/api/worlds")).ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray()];

    private static string? State(JsonElement list, string worldId) =>
        list.EnumerateArray().FirstOrDefault(w => w.GetProperty("id").GetString() == worldId) is { ValueKind: JsonValueKind.Object } world
            && world.TryGetProperty("state", out JsonElement state)
            ? state.GetString()
            : null;
}
