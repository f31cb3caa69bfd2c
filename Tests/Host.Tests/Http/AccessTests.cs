using System.Net;
using FluentAssertions;

namespace WasGo.Host.Tests.Http;

/// <summary>Every endpoint behind a token, asked without one, with an unknown one, and with a token that does not cover it.</summary>
public sealed class AccessTests
{
    public static TheoryData<string, string, bool> Endpoints => new()
    {
        // method, path, admin only
        { "POST", "/api/modules/m", true },
        { "GET", "/api/modules", true },
        { "GET", "/api/modules/counter/versions", true },
        { "POST", "/api/worlds", true },
        { "GET", "/api/worlds", true },
        { "PUT", "/api/worlds/w/tick-rate", true },
        { "GET", "/api/dead-letters", true },
        { "GET", "/api/cluster/shards", true },
        { "GET", "/api/worlds/w", false },
        { "GET", "/api/worlds/w/digest", false },
        { "GET", "/api/worlds/w/signals", false },
        { "GET", "/api/worlds/w/entities", false },
        { "POST", "/api/worlds/w/entities", false },
        { "GET", "/api/worlds/w/entities/c", false },
        { "DELETE", "/api/worlds/w/entities/c", false },
        { "POST", "/api/worlds/w/entities/c/calls/increment", false },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AnEndpoint_Should_Answer401_WithoutAKnownToken_And403_WithATokenThatDoesNotCoverIt(string method, string path, bool adminOnly)
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient admin = host.Client();
        await admin.DeployExampleAsync("counter");
        string own = await admin.CreateWorldAsync("w");
        string other = await admin.CreateWorldAsync("other");
        await admin.SpawnAsync("w", "c", "counter");

        await (await SendAsync(host.Client(token: null), method, path)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await SendAsync(host.Client("unknown"), method, path)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await SendAsync(host.Client(adminOnly ? own : other), method, path)).ReadProblemAsync(HttpStatusCode.Forbidden);
        (await admin.GetStringAsync("/api/worlds/w/entities/c")).Should().Contain("\"columns\":{}", "no refused request changed anything");
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = ApiClient.Json("""{"id":"x","module":"counter","tickRate":5}""") });
}
