using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WasGo.Actors.TestKit;

namespace WasGo.Host.Tests.Run;

/// <summary>
/// A stand-in OpenTelemetry collector: takes OTLP over HTTP (<c>/v1/traces</c>, <c>/v1/metrics</c>)
/// on a loopback port and keeps each body. Protobuf writes strings as their UTF-8 bytes, so a test
/// can look for span names, attribute values and metric names in what arrived.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _syncObj = new();
    private readonly List<(string Signal, byte[] Body)> _received = [];

    private OtlpReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public static async Task<OtlpReceiver> StartAsync()
    {
        string url = "http://127.0.0.1:" + FreePort.Next();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var receiver = new OtlpReceiver(app, url);
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            lock (receiver._syncObj)
            {
                receiver._received.Add((signal, body.ToArray()));
            }

            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Waits until some body of the signal (<c>traces</c>, <c>metrics</c>) holds every one of the strings.</summary>
    public Task WaitForAsync(string signal, params string[] strings) => WaitForAsync(signal, [.. strings.Select(Encoding.UTF8.GetBytes)]);

    /// <summary>Waits until some body of the signal holds every one of the byte strings (a trace id is 16 raw bytes in OTLP).</summary>
    public async Task WaitForAsync(string signal, byte[][] needles)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            byte[][] bodies;
            lock (_syncObj)
            {
                bodies = [.. _received.Where(r => r.Signal == signal).Select(r => r.Body)];
            }

            if (bodies.Any(body => needles.All(needle => body.AsSpan().IndexOf(needle) >= 0)))
            {
                return;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
