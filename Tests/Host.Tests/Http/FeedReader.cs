using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace WasGo.Host.Tests.Http;

/// <summary>Reads a world feed's JSON messages from a WebSocket.</summary>
internal static class FeedReader
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    public static async Task<JsonElement> ReceiveAsync(this WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        using var message = new MemoryStream();
        byte[] buffer = new byte[8192];
        WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);

        return JsonDocument.Parse(Encoding.UTF8.GetString(message.ToArray())).RootElement.Clone();
    }

    /// <summary>Reads until a message matches, returning it; a feed that keeps sending other messages for 30 s fails the test.</summary>
    public static async Task<JsonElement> ReceiveUntilAsync(this WebSocket socket, Func<JsonElement, bool> match)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            JsonElement message = await socket.ReceiveAsync();
            if (match(message))
            {
                return message;
            }

            if (clock.Elapsed > s_timeout)
            {
                throw new TimeoutException($"No matching feed message within {s_timeout}; the last was {message}.");
            }
        }
    }

    public static string Type(this JsonElement message) => message.GetProperty("type").GetString()!;
}
