using System.Net;
using System.Text.Json;
using FluentAssertions;

namespace WasGo.Host.Tests.Run;

/// <summary>What the README promises a newcomer: <c>wasgo run</c> on a fresh machine serves a living demo world.</summary>
public sealed class ReadmeRunCommandTests
{
    [Fact]
    public async Task Run_Should_ServeALivingDemoWorld_OnAFreshDataFolder()
    {
        using RunningHost host = await RunningHost.StartAsync();
        using HttpClient client = host.Client();

        JsonElement first = await EntitiesAsync(client);
        JsonElement later = await WaitForAsync(client, e => Steps(e) > Steps(first));

        first.EnumerateArray().Select(e => e.GetProperty("id").GetString()).Should().BeEquivalentTo("rex", "front-door", "guard", "visits");
        Column(later, "rex", "owner").GetString().Should().Be("you");
        Column(later, "front-door", "open").GetInt64().Should().Be(1);
        host.Process.Output.Should().Contain("Demo world demo started");
        (await client.GetAsync("/dashboard")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Run_Should_KeepTheWorld_AcrossARestart_WithoutAnotherDemo()
    {
        string data;
        long stepsBefore;
        using (RunningHost first = await RunningHost.StartAsync("--WasGo:Demo:WorldId=kept"))
        {
            data = first.Data;
            using HttpClient client = first.Client();
            stepsBefore = Steps(await EntitiesAsync(client, "kept"));
            first.Process.Signal(15);
            (await first.Process.WaitForExitAsync(TimeSpan.FromSeconds(20))).Should().BeTrue();
            Directory.Move(data, data + "-kept");
        }

        try
        {
            using RunningHost second = await RunningHost.StartAsync("--WasGo:Storage:DataPath=" + data + "-kept");
            using HttpClient client = new() { BaseAddress = new Uri(second.Url) };
            client.DefaultRequestHeaders.Authorization = new("Bearer", File.ReadAllText(Path.Combine(data + "-kept", "admin.token")).Trim());

            JsonElement worlds = JsonDocument.Parse(await client.GetStringAsync("/api/worlds")).RootElement;
            JsonElement entities = await EntitiesAsync(client, "kept");

            worlds.EnumerateArray().Select(w => w.GetProperty("id").GetString()).Should().Equal("kept");
            Steps(entities).Should().BeGreaterThanOrEqualTo(stepsBefore, "the world replays its recorded inputs and goes on ticking");
            second.Process.Output.Should().NotContain("Demo world");
        }
        finally
        {
            Directory.Delete(data + "-kept", recursive: true);
        }
    }

    [Fact]
    public async Task Run_Should_StopCleanly_WhileClientsFollowAFeed()
    {
        using RunningHost host = await RunningHost.StartAsync();
        using var feed = new System.Net.WebSockets.ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await feed.ConnectAsync(new Uri($"{host.Url.Replace("http", "ws", StringComparison.Ordinal)}/api/worlds/demo/feed?access_token={host.AdminToken}"), timeout.Token);
        byte[] buffer = new byte[64 * 1024];
        (await feed.ReceiveAsync(buffer, timeout.Token)).MessageType.Should().Be(System.Net.WebSockets.WebSocketMessageType.Text);

        host.Process.Signal(15);

        (await host.Process.WaitForExitAsync(TimeSpan.FromSeconds(20))).Should().BeTrue("an open feed must not hold the host up; output:\n" + host.Process.Output);
        host.Process.ExitCode.Should().Be(0, host.Process.Output);
        host.Process.Output.Should().Contain("World demo handed off at tick").And.Contain("WasGo host stopped cleanly");
    }

    private static async Task<JsonElement> EntitiesAsync(HttpClient client, string world = "demo") =>
        JsonDocument.Parse(await client.GetStringAsync($"/api/worlds/{world}/entities")).RootElement.Clone();

    private static async Task<JsonElement> WaitForAsync(HttpClient client, Func<JsonElement, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            JsonElement entities = await EntitiesAsync(client);
            if (condition(entities))
            {
                return entities;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    private static JsonElement Column(JsonElement entities, string entity, string column) =>
        entities.EnumerateArray().Single(e => e.GetProperty("id").GetString() == entity).GetProperty("columns").GetProperty(column);

    private static long Steps(JsonElement entities) => Column(entities, "guard", "steps").GetInt64();
}
