using System.Net;
using System.Text.Json;
using FluentAssertions;
using WasGo.Host.Tests.Http;
using WasGo.Host.Tests.Run;

namespace WasGo.Host.Tests.Scripts;

/// <summary>
/// A real <c>wasgo run</c> killed with SIGKILL and started again on its data: what clients were told
/// before the crash is what the world says after it.
/// </summary>
public sealed class CrashReplayTests
{
    private const int SigKill = 9;

    private static async Task<JsonElement> WorldAsync(HttpClient client) =>
        await (await client.GetAsync("/api/worlds/w")).ReadJsonAsync(HttpStatusCode.OK);

    private static async Task<RunningHost> KillAndRestartAsync(RunningHost host, params string[] settings)
    {
        host.Process.Signal(SigKill);
        (await host.Process.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().BeTrue();
        return await host.RestartAsync(settings);
    }

    [Fact]
    public async Task AnIdleWorldsTick_Should_NeverGoBack_AfterTheHostIsKilled()
    {
        using RunningHost first = await RunningHost.StartAsync("--WasGo:Demo:Enabled=false");
        long before;
        using (HttpClient admin = first.Client())
        {
            await admin.DeployExampleAsync("counter");
            await admin.CreateWorldAsync("w", tickRate: 20);
            await admin.SpawnAsync("w", "c", "counter"); // the world's only input, at tick 1
            before = (await admin.EventuallyAsync("/api/worlds/w", w => w.GetProperty("tick").GetInt64() > 60)).GetProperty("tick").GetInt64();
        }

        using RunningHost second = await KillAndRestartAsync(first, "--WasGo:Demo:Enabled=false");
        using HttpClient again = second.Client();

        (await WorldAsync(again)).GetProperty("tick").GetInt64().Should().BeGreaterThanOrEqualTo(before, "clients saw tick {0}, and a world's clock never goes back", before);
    }

    [Fact]
    public async Task CallsTheWallClockStopped_Should_StayStopped_AfterACrashAndARestartWithALongerLimit()
    {
        // The wall clock is not deterministic: a replay must repeat what it decided, not decide again.
        // Restarting with a far longer limit makes the difference certain: replayed without the record,
        // the calls that answered timed_out would now complete and count.
        string[] live = ["--WasGo:Demo:Enabled=false", "--WasGo:Worlds:CallTimeLimit=00:00:00.050", "--WasGo:Worlds:FuelPerCall=100000000000"];
        using RunningHost first = await RunningHost.StartAsync(live);
        var answers = new List<HttpStatusCode>();
        JsonElement before;
        using (HttpClient admin = first.Client())
        {
            (await admin.PostAsync("/api/modules/hostile", new ByteArrayContent(TestScripts.Read("hostile")))).StatusCode.Should().Be(HttpStatusCode.Created);
            await admin.CreateWorldAsync("w", tickRate: 20);
            await admin.SpawnAsync("w", "h", "hostile");
            foreach (long rounds in new long[] { 10, 2_000_000_000, 10, 2_000_000_000, 10, 2_000_000_000 })
            {
                HttpResponseMessage answer = await admin.CallAsync("w", "h", "work", $"[{rounds}]");
                answers.Add(answer.StatusCode);
                if (answer.StatusCode != HttpStatusCode.OK)
                {
                    (await answer.ReadJsonAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString().Should().Be("timed_out");
                }
            }

            before = await (await admin.GetAsync("/api/worlds/w/entities/h")).ReadJsonAsync(HttpStatusCode.OK);
        }

        long acknowledged = answers.Count(a => a == HttpStatusCode.OK);
        acknowledged.Should().Be(3, "two billion rounds take far longer than 50 ms, ten rounds far less");
        before.GetProperty("columns").GetProperty("x").GetInt64().Should().Be(acknowledged);
        string digest;
        using (HttpClient admin = first.Client())
        {
            digest = (await WorldAsync(admin)).GetProperty("digest").GetString()!;
        }

        using RunningHost second = await KillAndRestartAsync(first, "--WasGo:Demo:Enabled=false", "--WasGo:Worlds:CallTimeLimit=00:05:00", "--WasGo:Worlds:FuelPerCall=100000000000");
        using HttpClient again = second.Client();
        JsonElement after = await (await again.GetAsync("/api/worlds/w/entities/h")).ReadJsonAsync(HttpStatusCode.OK);

        after.GetProperty("columns").GetProperty("x").GetInt64().Should().Be(acknowledged, "every acknowledged write, and none that was refused");
        (await WorldAsync(again)).GetProperty("digest").GetString().Should().Be(digest, "the entity changes only through calls, so the world is where the answers left it");
    }
}
