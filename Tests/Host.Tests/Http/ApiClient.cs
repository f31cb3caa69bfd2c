using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using WasGo.Host.Demo;

namespace WasGo.Host.Tests.Http;

/// <summary>The calls the endpoint tests make, with the status they must answer checked.</summary>
internal static class ApiClient
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        string body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The problem's detail, after checking its status.</summary>
    public static async Task<string> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        JsonElement problem = await response.ReadJsonAsync(expected);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return problem.GetProperty("detail").GetString()!;
    }

    public static async Task DeployExampleAsync(this HttpClient admin, string name)
    {
        using var content = new ByteArrayContent(ExampleModules.Read(name));
        (await admin.PostAsync($"/api/modules/{name}", content)).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    /// <summary>Creates a world and returns its token.</summary>
    public static async Task<string> CreateWorldAsync(this HttpClient admin, string worldId, double tickRate = 50)
    {
        HttpResponseMessage created = await admin.PostAsJsonAsync("/api/worlds", new { id = worldId, tickRate });
        return (await created.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("token").GetString()!;
    }

    public static async Task SpawnAsync(this HttpClient client, string worldId, string entityId, string module)
    {
        HttpResponseMessage spawned = await client.PostAsJsonAsync($"/api/worlds/{worldId}/entities", new { id = entityId, module });
        await spawned.ReadJsonAsync(HttpStatusCode.Created);
    }

    public static Task<HttpResponseMessage> CallAsync(this HttpClient client, string worldId, string entityId, string method, string argsJson) =>
        client.PostAsync($"/api/worlds/{worldId}/entities/{entityId}/calls/{method}", Json($"{{\"args\": {argsJson}}}"));

    /// <summary>
    /// Polls until a condition holds (or 30 s pass, or <paramref name="within"/>): for what the host
    /// records from its event stream, which follows the reply that caused it by a moment.
    /// </summary>
    public static async Task<JsonElement> EventuallyAsync(this HttpClient client, string path, Func<JsonElement, bool> condition, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            JsonElement body = await (await client.GetAsync(path)).ReadJsonAsync(HttpStatusCode.OK);
            if (condition(body))
            {
                return body;
            }

            await Task.Delay(20, timeout.Token);
        }
    }
}
