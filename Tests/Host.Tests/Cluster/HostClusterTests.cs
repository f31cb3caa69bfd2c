using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json;
using FluentAssertions;
using WasGo.Actors.TestKit;
using WasGo.Host.Tests.Http;
using WasGo.Host.Tests.Run;
using Xunit;
using Xunit.Abstractions;

namespace WasGo.Host.Tests.Cluster;

/// <summary><c>wasgo run --cluster</c>: worlds sharded by Akka.Cluster.Sharding over real node processes, journaled in the real PostgreSQL.</summary>
public sealed class HostClusterTests(ITestOutputHelper output)
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private const int SigStop = 19;
    private const int SigCont = 18;

    [Fact]
    public async Task AWorldCreatedOnOneNode_Should_BeServedByEveryNode()
    {
        await using HostCluster cluster = await HostCluster.CreateAsync();
        RunningHost a = await cluster.StartNodeAsync("a");
        RunningHost b = await cluster.StartNodeAsync("b");
        using HttpClient adminA = a.Client();
        await adminA.DeployExampleAsync("counter");
        string token = await adminA.CreateWorldAsync("shared");
        using HttpClient worldB = WorldClient(b, token);
        using HttpClient worldA = WorldClient(a, token);

        await worldB.SpawnAsync("shared", "c", "counter");
        await (await worldB.CallAsync("shared", "c", "increment", "[5]")).ReadJsonAsync(HttpStatusCode.OK);
        JsonElement second = await (await worldA.CallAsync("shared", "c", "increment", "[2]")).ReadJsonAsync(HttpStatusCode.OK);
        JsonElement state = await (await worldB.GetAsync("/api/worlds/shared/entities/c")).ReadJsonAsync(HttpStatusCode.OK);

        second.GetProperty("value").GetInt64().Should().Be(7, "both calls reached the one world, wherever it runs");
        state.GetProperty("columns").GetProperty("count").GetInt64().Should().Be(7);
        state.GetProperty("module").GetString().Should().Be("counter", "the status names the module's hash across nodes, and the store names the hash");
        JsonElement map = await ShardMapWithAsync(b, worlds: 1);
        map.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("node").GetString()).Should().Equal("a", "b");
        map.GetProperty("nodes").EnumerateArray().Sum(n => n.GetProperty("entities").GetInt32()).Should().Be(1);
        map.GetProperty("nodes").EnumerateArray().SelectMany(n => n.GetProperty("worldIds").EnumerateArray().Select(id => id.GetString())).Should().Equal("shared");
        (await (await adminA.GetAsync("/api/worlds")).ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().Select(w => w.GetProperty("id").GetString()).Should().Equal("shared");
        PrometheusText.Value(await adminA.GetStringAsync("/metrics"), "wasgo_shards_owned", "node=\"a\"").Should().BeInRange(0, HostCluster.ShardCount);
    }

    [Fact]
    public async Task ANodeThatJoins_Should_TakeWorldsOverFromTheOthers_WithTheirStateIntact()
    {
        await using HostCluster cluster = await HostCluster.CreateAsync();
        RunningHost a = await cluster.StartNodeAsync("a");
        using HttpClient admin = a.Client();
        await admin.DeployExampleAsync("counter");
        string[] worlds = [.. Enumerable.Range(0, 8).Select(i => "w" + i)];
        foreach (string world in worlds)
        {
            await admin.CreateWorldAsync(world);
            await admin.SpawnAsync(world, "c", "counter");
            await (await admin.CallAsync(world, "c", "increment", "[5]")).ReadJsonAsync(HttpStatusCode.OK);
        }

        RunningHost b = await cluster.StartNodeAsync("b");

        // Akka's allocation strategy moves shards to the newcomer at its next rebalance (every 10 s by default).
        using HttpClient viaB = b.Client();
        JsonElement map = await viaB.EventuallyAsync(
            "/api/cluster/shards",
            map => map.GetProperty("nodes").EnumerateArray().All(n => n.GetProperty("worlds").GetInt32() > 0)
                && map.GetProperty("nodes").EnumerateArray().Sum(n => n.GetProperty("worlds").GetInt32()) == worlds.Length,
            TimeSpan.FromSeconds(90));
        map.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("node").GetString()).Should().Equal("a", "b");
        foreach (string world in worlds)
        {
            (await (await admin.CallAsync(world, "c", "increment", "[1]")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("value").GetInt64()
                .Should().Be(6, $"world {world} kept its count wherever it moved, and took the call once");
        }
    }

    [Fact]
    public async Task AWorld_Should_RunOnTheOtherNodeOfTwo_WithItsEntities_WhenItsNodeIsKilled()
    {
        await using HostCluster cluster = await HostCluster.CreateAsync();
        (RunningHost a, RunningHost b, string token) = await cluster.TwoNodesWithAWorldAsync("moving", "c", "counter");
        using HttpClient world = WorldClient(a, token);
        for (int i = 0; i < 3; i++)
        {
            await (await world.CallAsync("moving", "c", "increment", "[1]")).ReadJsonAsync(HttpStatusCode.OK);
        }

        // Of two nodes the resolver alone keeps the one with the lower address, whichever died; PostgreSQL
        // tells the survivor which one did, so either may be the one killed here.
        string owner = await OwnerOfTheOneWorldAsync(b);
        (RunningHost victim, RunningHost survivor) = owner == "a" ? (a, b) : (b, a);
        var clock = Stopwatch.StartNew();
        victim.Process.Signal(SigKill);

        using HttpClient onSurvivor = WorldClient(survivor, token);
        long count = await CountWhenServedAsync(onSurvivor, "moving", "c");
        output.WriteLine($"world 'moving' served by the survivor {clock.ElapsedMilliseconds} ms after SIGKILL of node {owner}, one of two");
        count.Should().Be(3, "every acknowledged call was recorded before it was answered, and the new node replayed them");
        survivor.Process.Output.Should().Contain("has lost its PostgreSQL session (its lock is free): it is dead; downing it now", "the killed node's lock was free, so a survivor downed it without waiting for the resolver");
        JsonElement next = await (await onSurvivor.CallAsync("moving", "c", "increment", "[1]")).ReadJsonAsync(HttpStatusCode.OK);
        next.GetProperty("value").GetInt64().Should().Be(4);
    }

    [Fact]
    public async Task AWorldUnderLoad_Should_CountEveryCallOnce_WhenItsNodeIsKilled_AndItsClientsRetryWithTheirKeys()
    {
        await using HostCluster cluster = await HostCluster.CreateAsync();
        (RunningHost a, RunningHost b, string token) = await cluster.TwoNodesWithAWorldAsync("loaded", "c", "counter");
        RunningHost c = await cluster.StartNodeAsync("c");
        string owner = await OwnerOfTheOneWorldAsync(b, nodes: 3);
        RunningHost victim = owner == "a" ? a : b;
        HttpClient[] survivors = [WorldClient(owner == "a" ? b : a, token), WorldClient(c, token)];
        long tickBefore = (await (await survivors[0].GetAsync("/api/worlds/loaded")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("tick").GetInt64();
        const int Clients = 6;
        const int CallsEach = 30;
        int answered = 0;

        // Each client sends its calls one after another, each with a key of its own, again and again until it is
        // answered; the world's node is killed when a third of them are, so that the rest wait for it to move.
        Task[] load = [.. Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            for (int call = 0; call < CallsEach; call++)
            {
                await IncrementWithKeyAsync(survivors[(client + call) % 2], "loaded", "c", $"client-{client}-call-{call}");
                Interlocked.Increment(ref answered);
            }
        }))];
        while (Volatile.Read(ref answered) < Clients * CallsEach / 3)
        {
            await Task.Delay(10);
        }

        victim.Process.Signal(SigKill);
        int answeredBeforeTheKill = Volatile.Read(ref answered);
        await Task.WhenAll(load);
        answeredBeforeTheKill.Should().BeLessThan(Clients * CallsEach, "calls were still being made when the node was killed");

        long count = await CountWhenServedAsync(survivors[0], "loaded", "c");
        long tickAfter = (await (await survivors[1].GetAsync("/api/worlds/loaded")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("tick").GetInt64();
        count.Should().Be(Clients * CallsEach, "every call was answered once it was applied, and a call sent again with its key applied once");
        tickAfter.Should().BeGreaterThan(tickBefore, "the world's clock went on from where it was, on the survivor");
        foreach (HttpClient client in survivors)
        {
            client.Dispose();
        }
    }

    /// <summary>Calls <c>increment(1)</c> with an <c>Idempotency-Key</c>, sending it again with the same key after an error or a timeout, until it is answered.</summary>
    private static async Task IncrementWithKeyAsync(HttpClient client, string worldId, string entityId, string key)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/worlds/{worldId}/entities/{entityId}/calls/increment")
            {
                Content = new StringContent("""{"args":[1]}""", System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", key);
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
                attempt.CancelAfter(TimeSpan.FromSeconds(3));
                using HttpResponseMessage response = await client.SendAsync(request, attempt.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                ((int)response.StatusCode).Should().BeGreaterThanOrEqualTo(500, "a moving world answers 503 or 504, never a client error");
            }
            catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
            {
                // Not answered in time: it may have been applied; the same key again gets its first answer if so.
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    [Fact]
    public async Task ANodeThatStops_Should_HandItsWorldsOff_AtTheTickTheyReached()
    {
        await using HostCluster cluster = await HostCluster.CreateAsync();
        (RunningHost a, RunningHost b, string token) = await cluster.TwoNodesWithAWorldAsync("handed", "c", "counter");
        using HttpClient world = WorldClient(a, token);
        await (await world.CallAsync("handed", "c", "increment", "[9]")).ReadJsonAsync(HttpStatusCode.OK);
        string owner = await OwnerOfTheOneWorldAsync(b);
        (RunningHost leaving, RunningHost staying) = owner == "a" ? (a, b) : (b, a);
        await Task.Delay(500); // ticks without inputs, which only the checkpoint at stop records
        long tickBefore = (await (await WorldClient(leaving, token).GetAsync("/api/worlds/handed")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("tick").GetInt64();

        leaving.Process.Signal(SigTerm); // a graceful stop
        (await leaving.Process.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().BeTrue(leaving.Process.Output);

        using HttpClient onStaying = WorldClient(staying, token);
        (await CountWhenServedAsync(onStaying, "handed", "c")).Should().Be(9);
        long tickAfter = (await (await onStaying.GetAsync("/api/worlds/handed")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("tick").GetInt64();
        tickAfter.Should().BeGreaterThanOrEqualTo(tickBefore, "the leaving node checkpointed the world before it handed the shard off");
        leaving.Process.Output.Should().Contain("Cluster: node " + owner + " left");
    }

    [Fact]
    public async Task AFeedOnAnyNode_Should_GetTheSignalsAndStateOfAWorldRunningOnAnother()
    {
        await using HostCluster cluster = await HostCluster.CreateAsync();
        (RunningHost a, RunningHost b, string token) = await cluster.TwoNodesWithAWorldAsync("followed", "door", "door");
        (RunningHost running, RunningHost following) = await RunningAndOtherAsync(a, b);
        using ClientWebSocket feed = await FollowAsync(following, "followed", token);

        await (await WorldClient(running, token).CallAsync("followed", "door", "open", """["ada"]""")).ReadJsonAsync(HttpStatusCode.OK);

        // The signal comes through the pub-sub, the row with the feed's next read of the world: in either order.
        JsonElement? signal = null;
        JsonElement? door = null;
        while (signal is null || door is null)
        {
            JsonElement message = await feed.ReceiveUntilAsync(m => m.Type() == "signal" || (m.Type() == "update" && m.GetProperty("entities").TryGetProperty("door", out _)));
            signal ??= message.Type() == "signal" ? message : null;
            door ??= message.Type() == "update" ? message.GetProperty("entities").GetProperty("door") : null;
        }

        signal.Value.GetProperty("entity").GetString().Should().Be("door");
        signal.Value.GetProperty("signal").GetString().Should().Be("opened");
        signal.Value.GetProperty("args")[0].GetString().Should().Be("ada");
        door.Value.GetProperty("open").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task ARequestsTrace_Should_GoOnIntoTheTickOnTheNodeThatRunsTheWorld()
    {
        await using OtlpReceiver collector = await OtlpReceiver.StartAsync();
        await using HostCluster cluster = await HostCluster.CreateAsync();
        string[] Otlp(string node) =>
            ["--OTEL_EXPORTER_OTLP_ENDPOINT=" + collector.Url, "--OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf", "--OTEL_BSP_SCHEDULE_DELAY=200", "--OTEL_SERVICE_NAME=wasgo-node-" + node];
        RunningHost a = await cluster.StartNodeAsync("a", Otlp("a"));
        RunningHost b = await cluster.StartNodeAsync("b", Otlp("b"));
        using (HttpClient admin = a.Client())
        {
            await admin.DeployExampleAsync("counter");
            await admin.CreateWorldAsync("traced");
            await admin.SpawnAsync("traced", "c", "counter");
        }

        (RunningHost running, RunningHost other) = await RunningAndOtherAsync(a, b);
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/worlds/traced/entities/c/calls/increment") { Content = ApiClient.Json("""{"args": [1]}""") };
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using HttpClient viaOther = other.Client();
        (await viaOther.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);

        // OTLP writes the trace id as its 16 bytes and each node's service name as text: the tick and
        // the call are in the request's trace, though they ran on the other node.
        byte[] id = new byte[16];
        traceId.CopyTo(id);
        byte[] Service(RunningHost node) => System.Text.Encoding.UTF8.GetBytes("wasgo-node-" + (node == a ? "a" : "b"));
        await collector.WaitForAsync("traces", [id, "world tick"u8.ToArray(), "entity call"u8.ToArray(), Service(running)]);
        await collector.WaitForAsync("traces", [id, "POST"u8.ToArray(), Service(other)]);
    }

    [Fact]
    public async Task AWorld_Should_GoOnAfterTheDatabaseRestarts_LosingNoAnsweredCall()
    {
        await using HostCluster cluster = await HostCluster.CreateAsync();
        (RunningHost a, RunningHost b, string token) = await cluster.TwoNodesWithAWorldAsync("durable", "c", "counter");
        using HttpClient viaA = WorldClient(a, token);
        using HttpClient viaB = WorldClient(b, token);
        int sent = 0;
        int answered = 0;
        async Task IncrementAsync(HttpClient client)
        {
            Interlocked.Increment(ref sent);
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                using HttpResponseMessage response = await client.CallAsync("durable", "c", "increment", "[1]").WaitAsync(attempt.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref answered);
                }
                else
                {
                    // A database that is away is a 503 with a retry hint, never a host error.
                    response.StatusCode.Should().BeOneOf(HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout);
                }
            }
            catch (OperationCanceledException)
            {
                // Not answered: it may still be applied later, or not at all; it is not counted as answered.
            }
        }

        await IncrementAsync(viaA);
        Task restart = TestServers.RestartPostgresAsync();
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => IncrementAsync(i % 2 == 0 ? viaA : viaB)).Append(restart));
        await EventuallyOkAsync(() => viaB.CallAsync("durable", "c", "get", "[]"));
        await IncrementAsync(viaB);

        long count = await CountWhenServedAsync(viaA, "durable", "c");
        output.WriteLine($"{answered} of {sent} increments answered across the restart; the count is {count}");
        count.Should().BeGreaterThanOrEqualTo(answered, "every answered input was in the journal before its answer").And.BeLessThanOrEqualTo(sent, "no call took effect twice");
        (a.Process.Output + b.Process.Output).Should().NotContain("has lost its PostgreSQL session", "a restart frees every node's lock at once; no node judges another until it has seen that node's lock taken again");
        a.Process.HasExited.Should().BeFalse();
        b.Process.HasExited.Should().BeFalse();
    }

    [Fact]
    public async Task AFrozenNode_Should_LoseItsWorld_AndLeaveWhenItWakes_WithoutApplyingAnythingTwice()
    {
        await using HostCluster cluster = await HostCluster.CreateAsync();
        (RunningHost a, RunningHost b, string token) = await cluster.TwoNodesWithAWorldAsync("frozen", "c", "counter");
        RunningHost c = await cluster.StartNodeAsync("c"); // a majority outlives the frozen node: of two nodes, only the lowest address would
        (RunningHost running, RunningHost other) = await RunningAndOtherAsync(a, b, nodes: 3);
        using HttpClient viaRunning = WorldClient(running, token);
        using HttpClient viaOther = WorldClient(other, token);
        for (int i = 0; i < 2; i++)
        {
            await (await viaRunning.CallAsync("frozen", "c", "increment", "[1]")).ReadJsonAsync(HttpStatusCode.OK);
        }

        running.Process.Signal(SigStop);
        var clock = Stopwatch.StartNew();
        using (var thawed = new CancellationTokenSource())
        {
            Task<int> mapReads = ShardMapAnswersMeanwhileAsync(other, thawed.Token);
            await EventuallyOkAsync(() => viaOther.CallAsync("frozen", "c", "get", "[]")); // once the frozen node is downed and its world restarted here
            await thawed.CancelAsync();
            (await mapReads).Should().BePositive();
        }

        output.WriteLine($"the world answered on the other node {clock.ElapsedMilliseconds} ms after SIGSTOP of its node");
        for (int i = 3; i <= 5; i++)
        {
            (await (await viaOther.CallAsync("frozen", "c", "increment", "[1]")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("value").GetInt64().Should().Be(i);
        }

        running.Process.Signal(SigCont);
        // Akka's resolver downed the frozen node while it slept; woken, it learns so and leaves, writing nothing.
        (await running.Process.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().BeTrue("a downed node shuts itself down:\n" + running.Process.Output);
        JsonElement next = await (await viaOther.CallAsync("frozen", "c", "increment", "[1]")).ReadJsonAsync(HttpStatusCode.OK);

        next.GetProperty("value").GetInt64().Should().Be(6, "the woken node's old world was fenced off and stopped with its node; every call was counted once");
        (await CountWhenServedAsync(viaOther, "frozen", "c")).Should().Be(6);
        (other.Process.Output + c.Process.Output).Should().NotContain("has lost its PostgreSQL session", "a frozen process keeps its database session and its lock: the resolver downed it, not the liveness check");
    }

    /// <summary>
    /// Reads the shard map on <paramref name="node"/> every 100 ms until <paramref name="until"/> is
    /// cancelled, asserting each read answers: while a node is frozen its sharding coordinator may be
    /// out of reach, and the map then shows the members with the shards as last read.
    /// </summary>
    /// <returns>How many reads there were.</returns>
    private static async Task<int> ShardMapAnswersMeanwhileAsync(RunningHost node, CancellationToken until)
    {
        using HttpClient admin = node.Client();
        int reads = 0;
        while (!until.IsCancellationRequested)
        {
            using HttpResponseMessage response = await admin.GetAsync("/api/cluster/shards", CancellationToken.None);
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(CancellationToken.None));
            reads++;
            await Task.Delay(100, CancellationToken.None);
        }

        return reads;
    }

    /// <summary>Repeats a request until it answers 200 (a node reconnecting answers errors or times out meanwhile).</summary>
    private static async Task EventuallyOkAsync(Func<Task<HttpResponseMessage>> request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                using HttpResponseMessage response = await request().WaitAsync(TimeSpan.FromSeconds(15), timeout.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (TimeoutException)
            {
                // This attempt waited on a node that is still reconnecting; ask again.
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    /// <summary>Orders two nodes: the one that runs the cluster's one world first.</summary>
    private static async Task<(RunningHost Running, RunningHost Other)> RunningAndOtherAsync(RunningHost a, RunningHost b, int nodes = 2) =>
        await OwnerOfTheOneWorldAsync(a, nodes) == "a" ? (a, b) : (b, a);

    /// <summary>Opens a world's feed on a node and reads its snapshot.</summary>
    private static async Task<ClientWebSocket> FollowAsync(RunningHost node, string worldId, string token)
    {
        var feed = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await feed.ConnectAsync(new Uri($"{node.Url.Replace("http", "ws", StringComparison.Ordinal)}/api/worlds/{worldId}/feed?access_token={token}"), timeout.Token);
        (await feed.ReceiveAsync()).Type().Should().Be("snapshot");
        return feed;
    }

    private static HttpClient WorldClient(RunningHost node, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(node.Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Reads the shard map until it lists the nodes up and the worlds running.</summary>
    private static async Task<JsonElement> ShardMapWithAsync(RunningHost node, int worlds, int nodes = 2)
    {
        using HttpClient admin = node.Client();
        return await admin.EventuallyAsync("/api/cluster/shards", map =>
            map.GetProperty("nodes").EnumerateArray().Count(n => n.GetProperty("status").GetString() == "Up") == nodes
            && map.GetProperty("nodes").EnumerateArray().Sum(n => n.GetProperty("worlds").GetInt32()) == worlds);
    }

    private static async Task<string> OwnerOfTheOneWorldAsync(RunningHost node, int nodes = 2) =>
        (await ShardMapWithAsync(node, worlds: 1, nodes)).GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("worlds").GetInt32() == 1).GetProperty("node").GetString()!;

    /// <summary>Reads an entity's count until a node serves it (its world moving meanwhile answers with errors or times out).</summary>
    private static async Task<long> CountWhenServedAsync(HttpClient client, string worldId, string entityId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
                attempt.CancelAfter(TimeSpan.FromSeconds(5));
                HttpResponseMessage response = await client.GetAsync($"/api/worlds/{worldId}/entities/{entityId}", attempt.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return (await response.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("columns").GetProperty("count").GetInt64();
                }
            }
            catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
            {
                // This attempt waited on a world that is moving; ask again.
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
