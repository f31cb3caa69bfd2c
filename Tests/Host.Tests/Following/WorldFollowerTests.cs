using System.Net;
using System.Text.Json;
using FluentAssertions;
using WasGo.Client;
using WasGo.Host.Tests.Cluster;
using WasGo.Host.Tests.Http;
using WasGo.Host.Tests.Run;
using WasGo.Scripting;
using Xunit;
using Xunit.Abstractions;

namespace WasGo.Host.Tests.Following;

/// <summary>A client co-simulating a world of a real <c>wasgo run</c>: the same scripts in its own sandbox, checked by digest at every tick.</summary>
public sealed class WorldFollowerTests(ITestOutputHelper output)
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private const string World = Wanderers.World;

    [Fact]
    public async Task AClient_Should_AgreeWithTheHostAtEveryTick_For10000Ticks_AcrossAKilledAndRestartedHost()
    {
        using RunningHost host = await RunningHost.StartAsync();
        string token = await Wanderers.CreateWorldAsync(host, count: 6);
        using var follower = new WorldFollower(Wanderers.Options(host, token));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long checkedTicks = 0;
        long lastTick = 0;
        int resumes = 0;
        RunningHost? restarted = null;
        try
        {
            await foreach (FollowedTick tick in follower.FollowAsync(timeout.Token))
            {
                tick.Agrees.Should().BeTrue(tick.Disagreement?.ToString());
                tick.Tick.Should().BeGreaterThanOrEqualTo(lastTick, "ticks come in order (a feed that starts again may start at the tick the client is at)");
                lastTick = tick.Tick;
                checkedTicks++;
                resumes += tick.Resumed ? 1 : 0;
                if (checkedTicks % 1000 == 0)
                {
                    output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: tick {tick.Tick}, lag {tick.Lag}");
                }

                if (checkedTicks == 4_000 && restarted is null)
                {
                    // A call the client must apply exactly as the host did, then the host dies mid-run.
                    using HttpClient world = Wanderers.WorldClient(host, token);
                    (await world.CallAsync(World, "w2", "bump", "[2.5]")).StatusCode.Should().Be(HttpStatusCode.OK);
                    host.Process.Signal(SigKill);
                    await host.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));
                    restarted = await host.RestartAsync();
                }

                if (checkedTicks >= 10_000)
                {
                    break;
                }
            }
        }
        finally
        {
            restarted?.Dispose();
        }

        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {checkedTicks} ticks checked up to tick {lastTick}, the feed resumed {resumes} time(s)");
        checkedTicks.Should().BeGreaterThanOrEqualTo(10_000);
        resumes.Should().BeGreaterThanOrEqualTo(1, "the client connected again after the kill and checked that the restarted world carried on from its own state");
    }

    [Fact]
    public async Task AClient_Should_AgreeWithTheHostAtEveryTick_AcrossAMoveOfTheWorldToAnotherNode()
    {
        await using HostCluster cluster = await HostCluster.CreateAsync();
        RunningHost a = await cluster.StartNodeAsync("a");
        RunningHost b = await cluster.StartNodeAsync("b");
        string token = await Wanderers.CreateWorldAsync(a, count: 4);
        using HttpClient admin = a.Client();
        JsonElement map = await admin.EventuallyAsync("/api/cluster/shards", m => m.GetProperty("nodes").EnumerateArray().Any(RunsTheWorld));
        bool onA = map.GetProperty("nodes").EnumerateArray().Single(RunsTheWorld).GetProperty("node").GetString() == "a";
        (RunningHost owner, RunningHost other) = onA ? (a, b) : (b, a);
        using var follower = new WorldFollower(Wanderers.Options(other, token)); // through the node that stays
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        long checkedTicks = 0;
        int resumes = 0;
        await foreach (FollowedTick tick in follower.FollowAsync(timeout.Token))
        {
            tick.Agrees.Should().BeTrue(tick.Disagreement?.ToString());
            checkedTicks++;
            resumes += tick.Resumed ? 1 : 0;
            if (checkedTicks == 1_500)
            {
                owner.Process.Signal(SigTerm); // the node leaves: its shard is handed off, the world starts on the other
            }

            if (checkedTicks >= 4_000 && resumes > 0)
            {
                break;
            }
        }

        resumes.Should().Be(1, "the world's feed started again once, on the other node, from the tick the client was at");
        using HttpClient viaOther = other.Client();
        (await viaOther.EventuallyAsync("/api/cluster/shards", m => m.GetProperty("nodes").EnumerateArray().Any(RunsTheWorld)))
            .GetProperty("nodes").EnumerateArray().Single(RunsTheWorld).GetProperty("node").GetString().Should().Be(onA ? "b" : "a");

        static bool RunsTheWorld(JsonElement node) => node.GetProperty("worldIds").EnumerateArray().Any(id => id.GetString() == World);
    }

    [Fact]
    public async Task AClient_Should_NameTheTickEntityAndColumn_WhenItsInputWasTamperedWith()
    {
        using RunningHost host = await RunningHost.StartAsync();
        string token = await Wanderers.CreateWorldAsync(host, count: 4);
        using var follower = new WorldFollower(new WorldFollowerOptions
        {
            Host = new Uri(host.Url),
            WorldId = World,
            Token = token,
            Tamper = Wanderers.BumpHarder,
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        FollowedTick? last = null;
        long? bumpedAt = null;
        await foreach (FollowedTick tick in follower.FollowAsync(timeout.Token))
        {
            last = tick;
            if (tick.Tick > 200 && bumpedAt is null)
            {
                using HttpClient world = Wanderers.WorldClient(host, token);
                (await world.CallAsync(World, "w1", "bump", "[4.0]")).StatusCode.Should().Be(HttpStatusCode.OK);
                bumpedAt = tick.Tick;
            }
        }

        last!.Agrees.Should().BeFalse();
        Disagreement disagreement = last.Disagreement!;
        output.WriteLine(disagreement.ToString());
        disagreement.Tick.Should().BeGreaterThan(bumpedAt!.Value, "the tampered call was applied after the client asked for it");
        disagreement.Where.Should().NotBeNull("the host replayed that tick and sent its rows");
        disagreement.Where!.EntityId.Should().Be("w1");
        disagreement.Where.Column.Should().Be("heat", "the bump's force sets the heat; the count of bumps is the same either way");
        disagreement.Where.Ours.Should().NotBe(disagreement.Where.Theirs);
    }

    [Fact]
    public async Task APredictedCall_Should_BeKept_WhenTheHostAppliesItAsPredicted_AndRolledBack_WhenTheHostOrdersItWithAnother()
    {
        using RunningHost host = await RunningHost.StartAsync();
        string token = await Wanderers.CreateWorldAsync(host, count: 3, tickRate: 2); // slow ticks: a call sent as a tick comes is applied at the next
        using var follower = new WorldFollower(Wanderers.Options(host, token));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using HttpClient other = Wanderers.WorldClient(host, token);
        List<PredictionOutcome> outcomes = [];
        List<Task> calls = [];
        int ticks = 0;
        await foreach (FollowedTick tick in follower.FollowAsync(timeout.Token))
        {
            tick.Agrees.Should().BeTrue(tick.Disagreement?.ToString());
            if (tick.Prediction is { } outcome)
            {
                outcomes.Add(outcome);
                follower.PredictedWorld.Should().BeSameAs(follower.World, "a decided prediction leaves the world the host's inputs made");
                if (outcomes.Count == 2)
                {
                    break;
                }
            }

            // Right as a tick's frame comes (not the start's, which comes whenever the client connects),
            // so that the host has the whole next tick to take the call.
            if (++ticks == 2)
            {
                calls.Add(await follower.PredictCallAsync("w1", "bump", [ScriptValue.FromFloat(2.0)], timeout.Token));
                follower.PredictedWorld!.StateOf("w1")!["heat"].Should().NotBe(follower.World!.StateOf("w1")!.GetValueOrDefault("heat"), "the predicted world shows the call before the host's tick of it");
            }
            else if (outcomes.Count == 1 && calls.Count == 1)
            {
                // Another client's call reaches the host in the same tick, ahead of the predicted one.
                calls.Add(other.CallAsync(World, "w1", "bump", "[7.0]"));
                calls.Add(await follower.PredictCallAsync("w1", "bump", [ScriptValue.FromFloat(3.0)], timeout.Token));
            }
        }

        await Task.WhenAll(calls);
        outcomes.Should().Equal(PredictionOutcome.Kept, PredictionOutcome.RolledBack);
    }

    [Fact]
    public async Task AClient_Should_RefuseAModuleWhoseBytesAreNotItsHash()
    {
        using RunningHost host = await RunningHost.StartAsync();
        string token = await Wanderers.CreateWorldAsync(host, count: 2);

        // Someone changes the stored module under the host: the host runs the one it compiled, a client would get other bytes.
        await Wanderers.TamperStoredModuleAsync(host);

        using var follower = new WorldFollower(Wanderers.Options(host, token));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        List<FollowedTick> ticks = [];
        await foreach (FollowedTick tick in follower.FollowAsync(timeout.Token))
        {
            ticks.Add(tick);
        }

        ticks.Should().ContainSingle().Which.Agrees.Should().BeFalse();
        ticks[0].Disagreement!.Reason.Should().Contain("hash to").And.Contain(Persistence.ModuleHash.Of(Wanderers.Module)[..12]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheFeed_Should_SayWhetherItsDigestsArePortable_AndTheClientStepsWithTheHostsSandboxSettings(bool canonicalNaNs)
    {
        using RunningHost host = await RunningHost.StartAsync($"--WasGo:Sandbox:NaNCanonicalization={canonicalNaNs}", "--WasGo:Sandbox:MaxMemoryPages=77");
        string token = await Wanderers.CreateWorldAsync(host, count: 1);
        using var follower = new WorldFollower(Wanderers.Options(host, token));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        await foreach (FollowedTick tick in follower.FollowAsync(timeout.Token))
        {
            tick.Agrees.Should().BeTrue();
            break;
        }

        follower.Settings!.Portable.Should().Be(canonicalNaNs, "NaN bits are the processor's unless they are made canonical");
        follower.Settings.MaxMemoryPages.Should().Be(77);
    }

    [Fact]
    public async Task ModulesByHash_Should_BeServedToAWorldsToken_OnlyForModulesThatWorldRuns()
    {
        using RunningHost host = await RunningHost.StartAsync();
        string token = await Wanderers.CreateWorldAsync(host, count: 1);
        using HttpClient admin = host.Client();
        await admin.DeployExampleAsync("counter");
        string counterHash = Persistence.ModuleHash.Of(Demo.ExampleModules.Read("counter"));
        using HttpClient world = Wanderers.WorldClient(host, token);

        byte[] wanderer = await (await world.GetAsync($"/api/modules/by-hash/{Persistence.ModuleHash.Of(Wanderers.Module)}")).Content.ReadAsByteArrayAsync();
        HttpResponseMessage other = await world.GetAsync($"/api/modules/by-hash/{counterHash}");
        HttpResponseMessage byAdmin = await admin.GetAsync($"/api/modules/by-hash/{counterHash}");
        HttpResponseMessage malformed = await world.GetAsync("/api/modules/by-hash/not-a-hash");

        wanderer.Should().Equal(Wanderers.Module);
        other.StatusCode.Should().Be(HttpStatusCode.NotFound, "the counter runs in no entity of the token's world");
        byAdmin.StatusCode.Should().Be(HttpStatusCode.OK);
        (await malformed.ReadProblemAsync(HttpStatusCode.BadRequest)).Should().Contain("64 lowercase hex digits");
    }
}
