using System.Net.WebSockets;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.Logging;
using WasGo.Host.Tests.Http;

namespace WasGo.Host.Tests.Requests;

/// <summary>A feed subscriber that falls too far behind is closed with a close frame that says so; the others go on.</summary>
public sealed class FeedBackpressureTests
{
    private const int FellBehindEvent = 8120;

    [Fact]
    public async Task ASubscriberThatDoesNotRead_Should_BeClosedWith1013AndWhy_WhileAReadingOneStays()
    {
        // Real sockets, so that a client that does not read makes the host's sends wait; a storm of
        // 64 signals of 64 KiB a tick (budgets raised so that all of them go out).
        await using TestHost host = await TestHost.StartOnSocketsAsync(
            "--WasGo:Http:FeedBuffer=256",
            "--WasGo:Worlds:MaxSignalBytesPerTick=16777216",
            "--WasGo:Worlds:MaxSignalBytesPerEntityPerTick=16777216");
        using HttpClient admin = host.Client();
        string token = await HostileScript.WorldWithAnEntityAsync(admin, "w", "h", tickRate: 2);
        using WebSocket reading = await host.ConnectSocketFeedAsync("w", token, receiveBufferBytes: null);
        using WebSocket stalled = await host.ConnectSocketFeedAsync("w", token, receiveBufferBytes: 4096);
        (await reading.ReceiveAsync()).Type().Should().Be("snapshot");
        using var stop = new CancellationTokenSource();
        var reader = new SignalCounter();
        Task readingAll = reader.ReadAsync(reading, stop.Token);

        (await admin.CallAsync("w", "h", "set_mode", "[5]")).EnsureSuccessStatusCode();
        CapturedLog drop = await host.Logs.WaitForAsync(FellBehindEvent);
        int signalsAtDrop = reader.Signals;
        (WebSocketCloseStatus? status, string? reason) = await ReadToCloseAsync(stalled);
        await reader.WaitForSignalsAsync(signalsAtDrop + 128);

        status.Should().Be((WebSocketCloseStatus)1013);
        reason.Should().StartWith("fell behind by 257 messages");
        reading.State.Should().Be(WebSocketState.Open, "a subscriber that reads is not affected");
        reader.CloseStatus.Should().BeNull();
        drop.Level.Should().Be(LogLevel.Warning);
        drop.Exception.Should().BeNull("a slow client is no error of the host's");
        drop.Message.Should().Contain("world w").And.Contain("fell behind by 257 messages");
        host.Logs.WithEventId(FellBehindEvent).Should().HaveCount(1, "one line per drop");
        host.Logs.Entries.Should().NotContain(e => e.Exception != null, "nothing is thrown for a slow client");

        await stop.CancelAsync();
        await readingAll;
    }

    /// <summary>Reads (and throws away) what the socket has until its close frame, within 30 s.</summary>
    private static async Task<(WebSocketCloseStatus? Status, string? Reason)> ReadToCloseAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        byte[] buffer = new byte[64 * 1024];
        while (true)
        {
            WebSocketReceiveResult received = await socket.ReceiveAsync(buffer, timeout.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                return (received.CloseStatus, received.CloseStatusDescription);
            }
        }
    }

    /// <summary>A subscriber that reads everything and counts the signals.</summary>
    private sealed class SignalCounter
    {
        private int _signals;

        public int Signals => Volatile.Read(ref _signals);

        public WebSocketCloseStatus? CloseStatus { get; private set; }

        public async Task ReadAsync(WebSocket socket, CancellationToken cancellationToken)
        {
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    JsonElement message = await socket.ReceiveAsync();
                    if (message.Type() == "signal")
                    {
                        Interlocked.Increment(ref _signals);
                    }
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or JsonException)
            {
                // A close frame (no JSON), the test ending, or the host stopping.
                CloseStatus = socket.CloseStatus;
            }
        }

        public async Task WaitForSignalsAsync(int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (Signals < count)
            {
                await Task.Delay(20, timeout.Token);
            }
        }
    }
}
