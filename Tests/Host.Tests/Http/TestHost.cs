using System.Net.Http.Headers;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;
using WasGo.Host.Hosting;

namespace WasGo.Host.Tests.Http;

/// <summary>
/// The real host (every part, its own SQLite folder) on ASP.NET Core's in-memory test server, or on
/// Kestrel on a loopback port where a test needs real sockets (a client that stops reading).
/// Its log lines at warning and above are kept in <see cref="Logs"/>.
/// </summary>
internal sealed class TestHost : IAsyncDisposable
{
    public const string AdminToken = "test-admin-token";

    private readonly WebApplication _app;
    private readonly string _data;
    private readonly Uri? _socketAddress;

    private TestHost(WebApplication app, string data, CapturedLogs logs, Uri? socketAddress)
    {
        _app = app;
        _data = data;
        Logs = logs;
        _socketAddress = socketAddress;
    }

    public TestServer Server => _app.GetTestServer();

    public IServiceProvider Services => _app.Services;

    /// <summary>Gets the log lines the host wrote (warning and above, unless the settings say otherwise).</summary>
    public CapturedLogs Logs { get; }

    /// <summary>Starts a host; the demo world is off unless asked for, so each test sees only what it made.</summary>
    public static Task<TestHost> StartAsync(bool demo = false, params string[] settings) => StartAsync(demo, sockets: false, settings);

    /// <summary>
    /// Starts a host whose traces also go to <paramref name="exported"/> as each span ends. Every host
    /// in the process traces every request (activity listeners are the process's): find a test's
    /// spans by the trace id it sent.
    /// </summary>
    public static Task<TestHost> StartTracedAsync(ExportedSpans exported) =>
        StartAsync(demo: false, sockets: false, [], builder => builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(exported)));

    /// <summary>Starts a host on Kestrel at a free loopback port: real TCP connections, with their flow control.</summary>
    public static Task<TestHost> StartOnSocketsAsync(params string[] settings) => StartAsync(demo: false, sockets: true, settings);

    private static async Task<TestHost> StartAsync(bool demo, bool sockets, string[] settings, Action<WebApplicationBuilder>? configure = null)
    {
        string data = Path.Combine(Path.GetTempPath(), "wasgo-http-" + Guid.NewGuid().ToString("N"));
        string[] args =
        [
            "--WasGo:Storage:DataPath=" + data,
            "--WasGo:Auth:AdminToken=" + AdminToken,
            "--WasGo:Demo:Enabled=" + demo,
            "--Logging:LogLevel:Default=Warning",
            .. sockets ? ["--urls=http://127.0.0.1:0"] : Array.Empty<string>(),
            .. settings,
        ];
        var logs = new CapturedLogs();
        WebApplication app = WasGoApplication.Build(args, builder =>
        {
            if (!sockets)
            {
                builder.WebHost.UseTestServer();
            }

            builder.Logging.AddProvider(logs);
            configure?.Invoke(builder);
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        Uri? address = sockets
            ? new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First())
            : null;
        return new TestHost(app, data, logs, address);
    }

    /// <summary>A client with the given bearer token, or none.</summary>
    public HttpClient Client(string? token = AdminToken)
    {
        HttpClient client = _socketAddress is null ? Server.CreateClient() : new HttpClient { BaseAddress = _socketAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public Task<WebSocket> ConnectFeedAsync(string worldId, string? token) =>
        _socketAddress is null
            ? Server.CreateWebSocketClient().ConnectAsync(FeedUri(Server.BaseAddress, worldId, token), CancellationToken.None)
            : ConnectSocketFeedAsync(worldId, token, receiveBufferBytes: null);

    /// <summary>
    /// Connects to a world's feed over a real socket (a host started with <see cref="StartOnSocketsAsync"/>);
    /// <paramref name="receiveBufferBytes"/> sets the client socket's receive buffer, so that a client
    /// that does not read makes the host's sends wait soon.
    /// </summary>
    public async Task<WebSocket> ConnectSocketFeedAsync(string worldId, string? token, int? receiveBufferBytes)
    {
        Uri address = _socketAddress ?? throw new InvalidOperationException("Start the host with StartOnSocketsAsync for a socket feed.");
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                if (receiveBufferBytes is { } bytes)
                {
                    socket.ReceiveBufferSize = bytes;
                }

                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new ClientWebSocket();
        var ws = new Uri(FeedUri(address, worldId, token).ToString().Replace("http://", "ws://", StringComparison.Ordinal));
        await client.ConnectAsync(ws, new HttpMessageInvoker(handler), CancellationToken.None);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private static Uri FeedUri(Uri baseAddress, string worldId, string? token) =>
        new(baseAddress, $"/api/worlds/{worldId}/feed" + (token is null ? string.Empty : "?access_token=" + Uri.EscapeDataString(token)));
}
