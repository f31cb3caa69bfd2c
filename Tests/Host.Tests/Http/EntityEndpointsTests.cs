using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;

namespace WasGo.Host.Tests.Http;

public sealed class EntityEndpointsTests
{
    private static async Task<(TestHost Host, HttpClient Client)> WorldWithAsync(params (string Id, string Module)[] entities)
    {
        TestHost host = await TestHost.StartAsync();
        using HttpClient admin = host.Client();
        string token = await admin.CreateWorldAsync("w");
        foreach (string module in entities.Select(e => e.Module).Distinct())
        {
            await admin.DeployExampleAsync(module);
        }

        HttpClient client = host.Client(token);
        foreach ((string id, string module) in entities)
        {
            await client.SpawnAsync("w", id, module);
        }

        return (host, client);
    }

    [Fact]
    public async Task Call_Should_MapJsonIntegers_ToTheScriptsIntegers()
    {
        (TestHost host, HttpClient client) = await WorldWithAsync(("c", "counter"));
        await using (host)
        {
            await client.CallAsync("w", "c", "increment", "[5]");
            JsonElement result = await (await client.CallAsync("w", "c", "increment", "[2]")).ReadJsonAsync(HttpStatusCode.OK);
            JsonElement state = await (await client.GetAsync("/api/worlds/w/entities/c")).ReadJsonAsync(HttpStatusCode.OK);

            result.GetProperty("value").GetInt64().Should().Be(7);
            state.GetProperty("columns").GetProperty("count").GetInt64().Should().Be(7);
        }
    }

    [Fact]
    public async Task Call_Should_MapFloatsAndStrings_AndReturnFloatsWithAFraction()
    {
        (TestHost host, HttpClient client) = await WorldWithAsync(("rex", "pet"));
        await using (host)
        {
            await (await client.CallAsync("w", "rex", "set_owner", """["Ada"]""")).ReadJsonAsync(HttpStatusCode.OK);
            await (await client.CallAsync("w", "rex", "owner_moved", """[3, {"float": 4}]""")).ReadProblemAsync(HttpStatusCode.BadRequest);
            await (await client.CallAsync("w", "rex", "owner_moved", """[3.5, {"float": 4}]""")).ReadJsonAsync(HttpStatusCode.OK);
            string raw = await client.GetStringAsync("/api/worlds/w/entities/rex");

            raw.Should().Contain("\"owner\":\"Ada\"").And.Contain("\"target_x\":3.5").And.Contain("\"target_y\":4.0");
        }
    }

    [Fact]
    public async Task Call_Should_TakeNoArguments_FromAnEmptyBody()
    {
        (TestHost host, HttpClient client) = await WorldWithAsync(("c", "counter"));
        await using (host)
        {
            JsonElement result = await (await client.PostAsync("/api/worlds/w/entities/c/calls/get", content: null)).ReadJsonAsync(HttpStatusCode.OK);

            result.GetProperty("value").GetInt64().Should().Be(0);
        }
    }

    [Theory]
    [InlineData("""{"args": [[1]]}""", HttpStatusCode.BadRequest, "args[0] is an array")]
    [InlineData("""{"args": [true]}""", HttpStatusCode.BadRequest, "args[0] is a boolean")]
    [InlineData("""{"args": [1, {"bytes": "not base64!"}]}""", HttpStatusCode.BadRequest, "args[1] is {\"bytes\": …} but its string is not base64")]
    [InlineData("""{"args": [99999999999999999999]}""", HttpStatusCode.BadRequest, "outside the 64-bit integer range")]
    [InlineData("""{"args": "5"}""", HttpStatusCode.BadRequest, "The field 'args' is a string")]
    [InlineData("""{"args": [1.5]}""", HttpStatusCode.BadRequest, "takes (i64) but was called with (float)")]
    [InlineData("""{"args": [1, 2]}""", HttpStatusCode.BadRequest, "takes (i64) but was called with (integer, integer)")]
    [InlineData("""{"args": [1""", HttpStatusCode.BadRequest, "not valid JSON")]
    public async Task Call_Should_Answer400_ForArgumentsThatDoNotFit(string body, HttpStatusCode status, string expected)
    {
        (TestHost host, HttpClient client) = await WorldWithAsync(("c", "counter"));
        await using (host)
        {
            string detail = await (await client.PostAsync("/api/worlds/w/entities/c/calls/increment", ApiClient.Json(body))).ReadProblemAsync(status);

            detail.Should().Contain(expected);
        }
    }

    [Fact]
    public async Task Call_Should_Answer404_ForAnUnknownMethodOrEntity_WithTheAbiCode()
    {
        (TestHost host, HttpClient client) = await WorldWithAsync(("c", "counter"));
        await using (host)
        {
            HttpResponseMessage method = await client.CallAsync("w", "c", "fly", "[]");
            HttpResponseMessage hook = await client.CallAsync("w", "c", "_ready", "[]");
            HttpResponseMessage entity = await client.CallAsync("w", "ghost", "get", "[]");

            (await method.ReadJsonAsync(HttpStatusCode.NotFound)).GetProperty("code").GetString().Should().Be("unknown_method");
            (await hook.ReadJsonAsync(HttpStatusCode.NotFound)).GetProperty("code").GetString().Should().Be("unknown_method");
            (await entity.ReadProblemAsync(HttpStatusCode.NotFound)).Should().Contain("no entity 'ghost'");
        }
    }

    [Fact]
    public async Task Call_Should_Answer413_ForABodyOverTheLimit()
    {
        (TestHost host, HttpClient client) = await WorldWithAsync(("c", "counter"));
        await using (host)
        {
            string big = $"[\"{new string('x', 2 * 1024 * 1024)}\"]";

            await (await client.CallAsync("w", "c", "increment", big)).ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        }
    }

    [Fact]
    public async Task Spawn_Should_AnswerTheRowAfterReady_WithTheWorldAndTheModuleVersionItRuns()
    {
        (TestHost host, HttpClient client) = await WorldWithAsync();
        await using (host)
        {
            using HttpClient admin = host.Client();
            await admin.DeployExampleAsync("pet");
            JsonElement module = (await (await admin.GetAsync("/api/modules/pet/versions")).ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().Last();

            JsonElement spawned = await (await client.PostAsJsonAsync("/api/worlds/w/entities", new { id = "p", module = "pet" })).ReadJsonAsync(HttpStatusCode.Created);

            spawned.GetProperty("id").GetString().Should().Be("p");
            spawned.GetProperty("world").GetString().Should().Be("w");
            spawned.GetProperty("module").GetProperty("name").GetString().Should().Be("pet");
            spawned.GetProperty("module").GetProperty("version").GetString().Should().Be(module.GetProperty("version").GetString());
            spawned.GetProperty("module").GetProperty("hash").GetString().Should().Be(module.GetProperty("hash").GetString());
            spawned.GetProperty("columns").GetProperty("hunger").GetInt64().Should().Be(0, "the pet's _ready ran in the tick that applied the spawn");
        }
    }

    [Fact]
    public async Task Spawn_Should_Answer409_ForAnIdInUse_And404_ForAnUnknownModule()
    {
        (TestHost host, HttpClient client) = await WorldWithAsync(("c", "counter"));
        await using (host)
        {
            HttpResponseMessage again = await client.PostAsJsonAsync("/api/worlds/w/entities", new { id = "c", module = "counter" });
            HttpResponseMessage unknown = await client.PostAsJsonAsync("/api/worlds/w/entities", new { id = "d", module = "nothing" });
            HttpResponseMessage badId = await client.PostAsJsonAsync("/api/worlds/w/entities", new { id = "a/b", module = "counter" });

            (await again.ReadProblemAsync(HttpStatusCode.Conflict)).Should().Contain("already has an entity 'c'");
            (await unknown.ReadProblemAsync(HttpStatusCode.NotFound)).Should().Contain("Module 'nothing' is not deployed");
            (await badId.ReadProblemAsync(HttpStatusCode.BadRequest)).Should().Contain("The entity id 'a/b' is not allowed");
        }
    }

    [Fact]
    public async Task ListAndDespawn_Should_ShowAndRemoveEntities()
    {
        (TestHost host, HttpClient client) = await WorldWithAsync(("a", "counter"), ("b", "door"));
        await using (host)
        {
            JsonElement before = await (await client.GetAsync("/api/worlds/w/entities")).ReadJsonAsync(HttpStatusCode.OK);
            (await client.DeleteAsync("/api/worlds/w/entities/a")).StatusCode.Should().Be(HttpStatusCode.NoContent);
            JsonElement after = await (await client.GetAsync("/api/worlds/w/entities")).ReadJsonAsync(HttpStatusCode.OK);

            before.EnumerateArray().Select(e => e.GetProperty("id").GetString()).Should().Equal("a", "b");
            after.EnumerateArray().Select(e => e.GetProperty("id").GetString()).Should().Equal("b");
            await (await client.GetAsync("/api/worlds/w/entities/a")).ReadProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task ListAndGet_Should_NameEachEntitysModule()
    {
        (TestHost host, HttpClient client) = await WorldWithAsync(("a", "counter"), ("b", "door"));
        await using (host)
        {
            JsonElement list = await (await client.GetAsync("/api/worlds/w/entities")).ReadJsonAsync(HttpStatusCode.OK);
            JsonElement one = await (await client.GetAsync("/api/worlds/w/entities/b")).ReadJsonAsync(HttpStatusCode.OK);

            list.EnumerateArray().Select(e => e.GetProperty("module").GetString()).Should().Equal("counter", "door");
            one.GetProperty("module").GetString().Should().Be("door");
        }
    }

    [Fact]
    public async Task Entities_Should_NeedTheWorldsToken()
    {
        (TestHost host, HttpClient client) = await WorldWithAsync(("c", "counter"));
        await using (host)
        {
            string other = await host.Client().CreateWorldAsync("other");

            await (await host.Client(token: null).CallAsync("w", "c", "increment", "[1]")).ReadProblemAsync(HttpStatusCode.Unauthorized);
            await (await host.Client(other).CallAsync("w", "c", "increment", "[1]")).ReadProblemAsync(HttpStatusCode.Forbidden);
            await (await host.Client(other).PostAsJsonAsync("/api/worlds/w/entities", new { id = "x", module = "counter" })).ReadProblemAsync(HttpStatusCode.Forbidden);
            await (await host.Client(other).DeleteAsync("/api/worlds/w/entities/c")).ReadProblemAsync(HttpStatusCode.Forbidden);
            JsonElement state = await (await client.GetAsync("/api/worlds/w/entities/c")).ReadJsonAsync(HttpStatusCode.OK);
            state.GetProperty("columns").EnumerateObject().Should().BeEmpty("no refused call may have changed it");
        }
    }
}
