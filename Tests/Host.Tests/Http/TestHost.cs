using System.Net.Http.Headers;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using WasGo.Host.Hosting;

namespace WasGo.Host.Tests.Http;

/// <summary>The real host (every part, its own SQLite folder) on ASP.NET Core's in-memory test server.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    public const string AdminToken = "test-admin-token";

    private readonly WebApplication _app;
    private readonly string _data;

    private TestHost(WebApplication app, string data)
    {
        _app = app;
        _data = data;
    }

    public TestServer Server => _app.GetTestServer();

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host; the demo world is off unless asked for, so each test sees only what it made.</summary>
    public static async Task<TestHost> StartAsync(bool demo = false, params string[] settings)
    {
        string data = Path.Combine(Path.GetTempPath(), "wasgo-http-" + Guid.NewGuid().ToString("N"));
        string[] args =
        [
            "--WasGo:Storage:DataPath=" + data,
            "--WasGo:Auth:AdminToken=" + AdminToken,
            "--WasGo:Demo:Enabled=" + demo,
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ];
        WebApplication app = WasGoApplication.Build(args, static builder => builder.WebHost.UseTestServer());
        await app.StartAsync();
        return new TestHost(app, data);
    }

    /// <summary>A client with the given bearer token, or none.</summary>
    public HttpClient Client(string? token = AdminToken)
    {
        HttpClient client = Server.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public Task<WebSocket> ConnectFeedAsync(string worldId, string? token) =>
        Server.CreateWebSocketClient().ConnectAsync(
            new Uri(Server.BaseAddress, $"/api/worlds/{worldId}/feed" + (token is null ? string.Empty : "?access_token=" + Uri.EscapeDataString(token))),
            CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
