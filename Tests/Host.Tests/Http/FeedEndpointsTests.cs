using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using FluentAssertions;

namespace WasGo.Host.Tests.Http;

public sealed class FeedEndpointsTests
{
    [Fact]
    public async Task Feed_Should_StartWithASnapshot_ThenSendStateChangesAndSignals()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient admin = host.Client();
        string token = await WorldWithADoorAsync(admin);

        using WebSocket feed = await host.ConnectFeedAsync("w", token);
        JsonElement snapshot = await feed.ReceiveAsync();
        await admin.CallAsync("w", "door", "open", """["ada"]""");
        // The signal comes with the tick, the row with the feed's next read of the world: in either order.
        JsonElement? signal = null;
        JsonElement? state = null;
        while (signal is null || state is null)
        {
            JsonElement message = await feed.ReceiveAsync();
            signal ??= message.Type() == "signal" ? message : null;
            state ??= message.Type() == "update" && message.GetProperty("entities").TryGetProperty("door", out JsonElement door) ? door : null;
        }

        snapshot.Type().Should().Be("snapshot");
        snapshot.GetProperty("entities").GetProperty("door").EnumerateObject().Should().BeEmpty();
        signal.Value.GetProperty("entity").GetString().Should().Be("door");
        signal.Value.GetProperty("signal").GetString().Should().Be("opened");
        signal.Value.GetProperty("args")[0].GetString().Should().Be("ada");
        state.Value.GetProperty("open").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task Feed_Should_GiveALateJoiner_TheCurrentStateAndRecentSignals()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient admin = host.Client();
        string token = await WorldWithADoorAsync(admin);
        await admin.CallAsync("w", "door", "open", "[]");
        await admin.CallAsync("w", "door", "close", "[]");
        await admin.CallAsync("w", "door", "open", "[]");
        await admin.EventuallyAsync("/api/worlds/w/signals", s => s.GetArrayLength() == 3);

        using WebSocket late = await host.ConnectFeedAsync("w", token);
        JsonElement snapshot = await late.ReceiveAsync();

        snapshot.Type().Should().Be("snapshot");
        snapshot.GetProperty("entities").GetProperty("door").GetProperty("changes").GetInt64().Should().Be(3);
        snapshot.GetProperty("signals").EnumerateArray().Select(s => s.GetProperty("signal").GetString()).Should().Equal("opened", "closed", "opened");
    }

    [Fact]
    public async Task Feed_Should_TellOfSpawnsAndDespawns()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient admin = host.Client();
        await admin.DeployExampleAsync("counter");
        string token = await admin.CreateWorldAsync("w");
        using WebSocket feed = await host.ConnectFeedAsync("w", token);
        await feed.ReceiveAsync();

        await admin.SpawnAsync("w", "c", "counter");
        JsonElement spawned = await feed.ReceiveUntilAsync(m => m.Type() == "update" && m.GetProperty("entities").TryGetProperty("c", out _));
        await admin.DeleteAsync("/api/worlds/w/entities/c");
        JsonElement removed = await feed.ReceiveUntilAsync(m => m.Type() == "update" && m.GetProperty("removed").GetArrayLength() > 0);

        spawned.GetProperty("removed").EnumerateArray().Should().BeEmpty();
        removed.GetProperty("removed").EnumerateArray().Select(e => e.GetString()).Should().Equal("c");
        removed.GetProperty("entities").EnumerateObject().Should().BeEmpty();
    }

    [Fact]
    public async Task Feed_Should_RefuseAMissingOrWrongToken()
    {
        await using TestHost host = await TestHost.StartAsync();
        await host.Client().CreateWorldAsync("a");
        string other = await host.Client().CreateWorldAsync("b");

        Func<Task> anonymous = () => host.ConnectFeedAsync("a", token: null);
        Func<Task> wrongWorld = () => host.ConnectFeedAsync("a", other);

        (await anonymous.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*401*");
        (await wrongWorld.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*403*");
    }

    [Fact]
    public async Task Feed_Should_Answer400_ToAPlainRequest()
    {
        await using TestHost host = await TestHost.StartAsync();
        await host.Client().CreateWorldAsync("w");

        string detail = await (await host.Client().GetAsync("/api/worlds/w/feed")).ReadProblemAsync(HttpStatusCode.BadRequest);

        detail.Should().Contain("WebSocket");
    }

    /// <summary>Makes world <c>w</c> with one door, <c>door</c>; returns the world's token.</summary>
    private static async Task<string> WorldWithADoorAsync(HttpClient admin)
    {
        await admin.DeployExampleAsync("door");
        string token = await admin.CreateWorldAsync("w");
        await admin.SpawnAsync("w", "door", "door");
        return token;
    }
}
