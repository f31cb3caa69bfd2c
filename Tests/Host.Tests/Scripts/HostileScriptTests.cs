using System.Net;
using System.Text.Json;
using FluentAssertions;
using WasGo.Host.Tests.Http;
using WasGo.Host.Tests.Requests;

namespace WasGo.Host.Tests.Scripts;

/// <summary>
/// Scripts written to hurt their host (<c>Tests/Scripts/hostile.c</c>, built with the C SDK), met
/// where a user meets them: through the HTTP API of a real host. Each is contained with the error
/// code <c>Sdk/ABI.md</c> gives it, and the entity, its world and the host go on.
/// </summary>
public sealed class HostileScriptTests
{
    private static async Task<(TestHost Host, HttpClient Admin)> WorldWithHostileAsync(params string[] settings)
    {
        TestHost host = await TestHost.StartAsync(settings: settings);
        HttpClient admin = host.Client();
        await HostileScript.WorldWithAnEntityAsync(admin, "w", "h");
        return (host, admin);
    }

    private static async Task<long> ValueOfAsync(HttpResponseMessage response) =>
        (await response.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("value").GetInt64();

    private static async Task<string> CodeOfAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.UnprocessableEntity) =>
        (await response.ReadJsonAsync(status)).GetProperty("code").GetString()!;

    private static async Task<long> ColumnAsync(HttpClient client, string entity, string column)
    {
        JsonElement state = await (await client.GetAsync($"/api/worlds/w/entities/{entity}")).ReadJsonAsync(HttpStatusCode.OK);
        return state.GetProperty("columns").TryGetProperty(column, out JsonElement value) ? value.GetInt64() : 0;
    }

    [Fact]
    public async Task AnEndlessLoop_Should_Answer422OutOfFuel_AfterOneTry()
    {
        (TestHost host, HttpClient admin) = await WorldWithHostileAsync();
        await using (host)
        using (admin)
        {
            (await CodeOfAsync(await admin.CallAsync("w", "h", "spin", "[]"))).Should().Be("out_of_fuel", "running out of fuel is what happened, and a caller is told so");
            string metrics = await admin.GetStringAsync("/metrics");

            PrometheusText.Value(metrics, "wasgo_entity_activations_total").Should().Be(2, "the spawn's instance, and the fresh one after the loop: running out of fuel is not retried, it would only burn the same fuel again");
            (await ValueOfAsync(await admin.CallAsync("w", "h", "bump", "[]"))).Should().Be(1, "the entity goes on");
        }
    }

    [Fact]
    public async Task EndlessRecursion_Should_Answer422Trapped_AndTheEntityGoesOn()
    {
        (TestHost host, HttpClient admin) = await WorldWithHostileAsync();
        await using (host)
        using (admin)
        {
            (await CodeOfAsync(await admin.CallAsync("w", "h", "recurse", "[0]"))).Should().Be("trapped");
            (await ValueOfAsync(await admin.CallAsync("w", "h", "bump", "[]"))).Should().Be(1);
        }
    }

    [Fact]
    public async Task MemoryGrowth_Should_StopAtTheMemoryLimit()
    {
        (TestHost host, HttpClient admin) = await WorldWithHostileAsync();
        await using (host)
        using (admin)
        {
            (await ValueOfAsync(await admin.CallAsync("w", "h", "grow", "[]"))).Should().Be(256, "memory.grow returns -1 at 16 MiB, 256 pages");
        }
    }

    [Fact]
    public async Task AColumnNameOfSixtyFiveBytes_Should_BeRefusedWithMinus3()
    {
        (TestHost host, HttpClient admin) = await WorldWithHostileAsync();
        await using (host)
        using (admin)
        {
            (await ValueOfAsync(await admin.CallAsync("w", "h", "long_name", "[]"))).Should().Be(-3, "Sdk/ABI.md: -3 is a bad column name, and names are 1 to 64 bytes");
        }
    }

    [Fact]
    public async Task ACallMovingMoreBytesThroughHostCallsThanItsBudget_Should_Answer422LimitExceeded_WithItsChangesUndone()
    {
        (TestHost host, HttpClient admin) = await WorldWithHostileAsync();
        await using (host)
        using (admin)
        {
            // 3,400 writes of 64 KiB: 212 MiB through state_set_bytes, over the 16 MiB a call may move.
            (await CodeOfAsync(await admin.CallAsync("w", "h", "slow", "[3400]"))).Should().Be("limit_exceeded");
            (await ColumnAsync(admin, "h", "x")).Should().Be(0, "the call that was stopped changed nothing");
            (await ValueOfAsync(await admin.CallAsync("w", "h", "slow", "[100]"))).Should().Be(1, "6.4 MiB is within the budget");
        }
    }

    [Fact]
    public async Task ASignalStorm_Should_BeCutToTheEntitysSignalBudgetOfTheTick()
    {
        (TestHost host, HttpClient admin) = await WorldWithHostileAsync();
        await using (host)
        using (admin)
        {
            // 64 signals of 64 KiB in one call; an entity may emit 128 KiB of signals a tick, so one of them fits.
            (await ValueOfAsync(await admin.CallAsync("w", "h", "storm", "[]"))).Should().Be(63, "emit returns -4 once the tick's signal budget is spent");
        }
    }

    [Fact]
    public async Task ATimerFlood_Should_BeRefusedPastTheEntitysTimerBudget()
    {
        (TestHost host, HttpClient admin) = await WorldWithHostileAsync();
        await using (host)
        using (admin)
        {
            (await ValueOfAsync(await admin.CallAsync("w", "h", "timers", "[60]"))).Should().Be(0);
            (await ValueOfAsync(await admin.CallAsync("w", "h", "timers", "[60]"))).Should().Be(0);
            (await ValueOfAsync(await admin.CallAsync("w", "h", "timers", "[60]"))).Should().Be(0);
            (await ValueOfAsync(await admin.CallAsync("w", "h", "timers", "[60]"))).Should().Be(0);
            (await ValueOfAsync(await admin.CallAsync("w", "h", "timers", "[60]"))).Should().Be(44, "an entity may have 256 timers running, and 240 are");
        }
    }

    [Fact]
    public async Task MessageAmplification_Should_BeRefusedToTheSender_AndCutToTheRecipientsShareOfEachTick()
    {
        (TestHost host, HttpClient admin) = await WorldWithHostileAsync();
        await using (host)
        using (admin)
        {
            await admin.SpawnAsync("w", "calm", "hostile");
            await ValueOfAsync(await admin.CallAsync("w", "h", "fan", "[2]")); // each fan sends two more fans to itself: 2^n

            await admin.EventuallyAsync("/api/worlds/w/entities/h", e => e.GetProperty("columns").TryGetProperty("refused", out JsonElement refused) && refused.GetInt64() > 0);
            long tickBefore = (await (await admin.GetAsync("/api/worlds/w")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("tick").GetInt64();
            long fansBefore = await ColumnAsync(admin, "h", "fans");
            (await ValueOfAsync(await admin.CallAsync("w", "calm", "bump", "[]"))).Should().Be(1, "another entity of the world is served meanwhile");
            await admin.EventuallyAsync("/api/worlds/w", w => w.GetProperty("tick").GetInt64() > tickBefore + 10);
            long fansAfter = await ColumnAsync(admin, "h", "fans");
            long tickAfter = (await (await admin.GetAsync("/api/worlds/w")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("tick").GetInt64();

            (fansAfter - fansBefore).Should().BeGreaterThan(0, "the entity still gets its messages").And.BeLessThanOrEqualTo(256 * (tickAfter - tickBefore + 1), "an entity receives at most 256 messages a tick");
        }
    }

    [Fact]
    public async Task ASpawnOfAModuleThatCannotStart_Should_BeRefusedWithTheReason()
    {
        (TestHost host, HttpClient admin) = await WorldWithHostileAsync();
        await using (host)
        using (admin)
        {
            (await admin.PostAsync("/api/modules/huge", new ByteArrayContent(TestScripts.Read("huge")))).StatusCode.Should().Be(HttpStatusCode.Created);

            HttpResponseMessage spawned = await admin.PostAsync("/api/worlds/w/entities", ApiClient.Json("""{"id": "big", "module": "huge"}"""));
            JsonElement problem = await spawned.ReadJsonAsync(HttpStatusCode.UnprocessableEntity);

            problem.GetProperty("code").GetString().Should().Be("invalid_module");
            problem.GetProperty("detail").GetString().Should().Contain("could not be instantiated");
            await (await admin.GetAsync("/api/worlds/w/entities/big")).ReadJsonAsync(HttpStatusCode.NotFound);
        }
    }
}
