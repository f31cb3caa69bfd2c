using System.Net;
using System.Text.Json;
using FluentAssertions;

namespace WasGo.Host.Tests.Http;

public sealed class OperationsEndpointsTests
{
    [Fact]
    public async Task HealthAndReadiness_Should_AnswerHealthy_OnceStarted()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient anonymous = host.Client(token: null);

        (await anonymous.GetStringAsync("/healthz")).Should().Be("Healthy");
        (await anonymous.GetStringAsync("/readyz")).Should().Be("Healthy");
    }

    [Fact]
    public async Task Metrics_Should_CountMessagesFuelAndActivations_InPrometheusText()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient admin = host.Client();
        await admin.DeployExampleAsync("counter");
        await admin.CreateWorldAsync("w");
        await admin.SpawnAsync("w", "c", "counter");
        await admin.CallAsync("w", "c", "increment", "[1]");
        await admin.CallAsync("w", "c", "increment", "[1]");

        HttpResponseMessage response = await host.Client(token: null).GetAsync("/metrics");
        string text = await response.Content.ReadAsStringAsync();

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        text.Should().Contain("# TYPE wasgo_script_messages_total counter");
        PrometheusText.Value(text, "wasgo_script_messages_total").Should().Be(2, "this host's two calls, though other hosts run in the same test process");
        PrometheusText.Value(text, "wasgo_entity_activations_total").Should().Be(1);
        PrometheusText.Value(text, "wasgo_script_fuel_total").Should().BePositive();
        PrometheusText.Value(text, "wasgo_worlds").Should().Be(1);
        PrometheusText.Value(text, "wasgo_world_actors").Should().Be(1, "the world's actor runs on this, the only node");
        PrometheusText.Value(text, "wasgo_world_mailbox_messages").Should().BeGreaterOrEqualTo(0);
        PrometheusText.Value(text, "wasgo_cluster_members", "status=\"Up\"").Should().Be(1);
        PrometheusText.Value(text, "wasgo_cluster_members", "status=\"Down\"").Should().Be(0);
        PrometheusText.Value(text, "wasgo_cluster_unreachable").Should().Be(0);
        PrometheusText.Value(text, "wasgo_shards_owned").Should().BeGreaterOrEqualTo(0);
        PrometheusText.Value(text, "wasgo_persistence_duration_seconds_count", "operation=\"world-write\"").Should().Be(1);
        text.Should().Contain("le=\"0.005\"", "store durations are bucketed in seconds");
        text.Should().Contain("# TYPE http_server_request_duration_seconds histogram", "ASP.NET Core's meters are exported");
        text.Should().Contain("# TYPE dotnet_gc_collections_total counter", "the runtime's meters are exported");
    }

    [Fact]
    public async Task ShardMap_Should_SayThatTheOneNodeOwnsEveryShard()
    {
        await using TestHost host = await TestHost.StartAsync(demo: true);

        JsonElement map = await (await host.Client().GetAsync("/api/cluster/shards")).ReadJsonAsync(HttpStatusCode.OK);
        await (await host.Client(token: null).GetAsync("/api/cluster/shards")).ReadProblemAsync(HttpStatusCode.Unauthorized);

        map.GetProperty("shardCount").GetInt32().Should().Be(WasGo.Cluster.WorldShardingSetup.DefaultShardCount);
        JsonElement node = map.GetProperty("nodes").EnumerateArray().Single();
        node.GetProperty("node").GetString().Should().Be(Environment.MachineName);
        node.GetProperty("status").GetString().Should().Be("Up", "a single node is a cluster of one");
        node.GetProperty("reachable").GetBoolean().Should().BeTrue();
        map.GetProperty("stale").GetBoolean().Should().BeFalse("the coordinator answered");
        node.GetProperty("address").GetString().Should().StartWith("akka.tcp://wasgo@127.0.0.1:");
        node.GetProperty("shards").GetInt32().Should().Be(1, "Akka starts the one shard the demo world is in");
        node.GetProperty("worlds").GetInt32().Should().Be(1);
        node.GetProperty("entities").GetInt32().Should().Be(4);
        node.GetProperty("worldIds").EnumerateArray().Select(id => id.GetString()).Should().Equal(["demo"], "the dashboard's cluster panel names the worlds each member runs");
    }

    [Fact]
    public async Task OpenApi_Should_DescribeTheApi()
    {
        await using TestHost host = await TestHost.StartAsync();

        JsonElement document = await (await host.Client(token: null).GetAsync("/openapi/v1.json")).ReadJsonAsync(HttpStatusCode.OK);

        JsonElement paths = document.GetProperty("paths");
        paths.TryGetProperty("/api/worlds", out _).Should().BeTrue();
        paths.TryGetProperty("/api/worlds/{worldId}/entities/{entityId}/calls/{method}", out _).Should().BeTrue();
        paths.TryGetProperty("/api/modules/{name}", out _).Should().BeTrue();
        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString().Should().Be("bearer");
    }

    [Fact]
    public async Task Rates_Should_ListPerSecondSamples()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient anonymous = host.Client(token: null);

        JsonElement rates = await (await anonymous.GetAsync("/api/metrics/rates")).ReadJsonAsync(HttpStatusCode.OK);

        rates.ValueKind.Should().Be(JsonValueKind.Array);
    }

    [Fact]
    public async Task Dashboard_Should_BeServed_WithItsScript()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient anonymous = host.Client(token: null);

        HttpResponseMessage page = await anonymous.GetAsync("/dashboard");
        HttpResponseMessage script = await anonymous.GetAsync("/dashboard/app.js");
        HttpResponseMessage missing = await anonymous.GetAsync("/dashboard/secret.txt");

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain("<script src=\"/dashboard/app.js\"");
        script.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DemoWorld_Should_StartOnAnEmptyDatabase_WithTheFourExamples()
    {
        await using TestHost host = await TestHost.StartAsync(demo: true);

        JsonElement entities = await (await host.Client().GetAsync("/api/worlds/demo/entities")).ReadJsonAsync(HttpStatusCode.OK);
        JsonElement modules = await (await host.Client().GetAsync("/api/modules")).ReadJsonAsync(HttpStatusCode.OK);

        entities.EnumerateArray().Select(e => e.GetProperty("id").GetString()).Should().BeEquivalentTo("rex", "front-door", "guard", "visits");
        modules.EnumerateArray().Select(e => e.GetProperty("name").GetString()).Should().BeEquivalentTo("pet", "door", "npc", "counter");
    }
}
