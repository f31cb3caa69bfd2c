using System.Net.Http.Headers;
using WasGo.Actors.TestKit;

namespace WasGo.Host.Tests.Run;

/// <summary>A real <c>wasgo run</c> process on a free loopback port with its own data folder, as a user starts it.</summary>
internal sealed class RunningHost : IDisposable
{
    private readonly string? _adminToken;

    private RunningHost(WasgoProcess process, string data, string url, string? adminToken)
    {
        Process = process;
        Data = data;
        Url = url;
        _adminToken = adminToken;
    }

    public WasgoProcess Process { get; }

    public string Data { get; }

    public string Url { get; }

    /// <summary>Gets the configured admin token, or the one the host generated in its data folder.</summary>
    public string AdminToken => _adminToken ?? File.ReadAllText(Path.Combine(Data, "admin.token")).Trim();

    public static Task<RunningHost> StartAsync(params string[] settings) => StartAsync(["run"], settings, adminToken: null);

    /// <summary>Starts <c>wasgo run</c> again on this host's data folder and address, as a user restarts it after it died; this one must have exited.</summary>
    public Task<RunningHost> RestartAsync(params string[] settings) => StartAsync(["run"], settings, _adminToken, Data, Url);

    /// <summary>Starts <c>wasgo run --cluster</c> with the cluster's settings and admin token.</summary>
    public static Task<RunningHost> StartClusterNodeAsync(string adminToken, params string[] settings) =>
        StartAsync(["run", "--cluster"], ["--WasGo:Auth:AdminToken=" + adminToken, .. settings], adminToken);

    private static async Task<RunningHost> StartAsync(string[] command, string[] settings, string? adminToken, string? data = null, string? url = null)
    {
        data ??= Path.Combine(Path.GetTempPath(), "wasgo-run-" + Guid.NewGuid().ToString("N"));
        url ??= "http://127.0.0.1:" + FreePort.Next();
        WasgoProcess process = WasgoProcess.Start([.. command, "--WasGo:Storage:DataPath=" + data, "--urls=" + url, .. settings]);
        var host = new RunningHost(process, data, url, adminToken);
        try
        {
            await process.WaitForOutputAsync("Dashboard: " + url, TimeSpan.FromSeconds(60));
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = new Uri(Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    /// <summary>Runs a CLI command against this host (its address and data folder, so it finds the admin token).</summary>
    public Task<(int ExitCode, string Output)> CliAsync(params string[] args) =>
        WasgoProcess.RunAsync([.. args, "--host", Url, "--data", Data]);

    public void Dispose()
    {
        Process.Dispose();
        if (Directory.Exists(Data))
        {
            Directory.Delete(Data, recursive: true);
        }
    }
}
