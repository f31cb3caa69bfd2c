using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;

namespace WasGo.Host.Tests.Http;

public sealed class WorldEndpointsTests
{
    [Fact]
    public async Task Create_Should_StartAWorld_AtItsTickRate_AndReturnItsToken()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient admin = host.Client();

        JsonElement created = await (await admin.PostAsJsonAsync("/api/worlds", new { id = "arena", tickRate = 30 })).ReadJsonAsync(HttpStatusCode.Created);

        created.GetProperty("tickRate").GetDouble().Should().Be(30);
        created.GetProperty("token").GetString().Should().NotBeNullOrEmpty();
        JsonElement list = await (await admin.GetAsync("/api/worlds")).ReadJsonAsync(HttpStatusCode.OK);
        list.EnumerateArray().Select(w => (w.GetProperty("id").GetString(), w.GetProperty("tickRate").GetDouble())).Should().Equal(("arena", 30.0));
    }

    [Fact]
    public async Task Create_Should_DefaultTheTickRateTo20()
    {
        await using TestHost host = await TestHost.StartAsync();

        JsonElement created = await (await host.Client().PostAsync("/api/worlds", ApiClient.Json("""{"id":"w"}"""))).ReadJsonAsync(HttpStatusCode.Created);

        created.GetProperty("tickRate").GetDouble().Should().Be(20);
    }

    [Theory]
    [InlineData("""{"id":"w","tickRate":"fast"}""", "The field 'tickRate' is a string; it must be a number.")]
    [InlineData("""{"tickRate":5}""", "The field 'id' is missing")]
    [InlineData("""{"id":5}""", "The field 'id' is a number; it must be a string.")]
    [InlineData("""{"id":"w","tickRate":0}""", "The tick rate 0 is not allowed")]
    [InlineData("""{"id":"w","tickRate":5000}""", "at most 1000")]
    [InlineData("""{"id":"no spaces"}""", "The world id 'no spaces' is not allowed")]
    [InlineData("""{"id":"w",""", "The body is not valid JSON (line 1")]
    [InlineData("""["w"]""", "not an object")]
    public async Task Create_Should_Answer400_WithWhatIsWrong(string body, string expected)
    {
        await using TestHost host = await TestHost.StartAsync();

        string detail = await (await host.Client().PostAsync("/api/worlds", ApiClient.Json(body))).ReadProblemAsync(HttpStatusCode.BadRequest);

        detail.Should().Contain(expected);
    }

    [Fact]
    public async Task Create_Should_Answer409_ForAnIdInUse()
    {
        await using TestHost host = await TestHost.StartAsync();
        await host.Client().CreateWorldAsync("w");

        await (await host.Client().PostAsync("/api/worlds", ApiClient.Json("""{"id":"w"}"""))).ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Create_Should_Answer413_ForABodyOverTheLimit()
    {
        await using TestHost host = await TestHost.StartAsync(settings: "--WasGo:Http:MaxJsonBytes=1024");

        await (await host.Client().PostAsync("/api/worlds", ApiClient.Json($"{{\"id\":\"{new string('w', 2000)}\"}}"))).ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Create_And_List_Should_NeedTheAdminToken()
    {
        await using TestHost host = await TestHost.StartAsync();
        string token = await host.Client().CreateWorldAsync("w");

        await (await host.Client(token: null).PostAsync("/api/worlds", ApiClient.Json("""{"id":"x"}"""))).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await host.Client(token).PostAsync("/api/worlds", ApiClient.Json("""{"id":"x"}"""))).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await host.Client(token).GetAsync("/api/worlds")).ReadProblemAsync(HttpStatusCode.Forbidden);
        (await (await host.Client().GetAsync("/api/worlds")).ReadJsonAsync(HttpStatusCode.OK)).GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task AWorldsToken_Should_OpenThatWorld_AndNoOther()
    {
        await using TestHost host = await TestHost.StartAsync();
        string a = await host.Client().CreateWorldAsync("a");
        await host.Client().CreateWorldAsync("b");

        JsonElement world = await (await host.Client(a).GetAsync("/api/worlds/a")).ReadJsonAsync(HttpStatusCode.OK);
        await (await host.Client(a).GetAsync("/api/worlds/b")).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await host.Client(token: null).GetAsync("/api/worlds/a")).ReadProblemAsync(HttpStatusCode.Unauthorized);

        world.GetProperty("id").GetString().Should().Be("a");
        world.GetProperty("entityCount").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Digest_Should_ChangeWhenTheWorldsStateDoes()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient admin = host.Client();
        await admin.DeployExampleAsync("counter");
        await admin.CreateWorldAsync("w");
        JsonElement before = await (await admin.GetAsync("/api/worlds/w/digest")).ReadJsonAsync(HttpStatusCode.OK);

        await admin.SpawnAsync("w", "c", "counter");
        await admin.CallAsync("w", "c", "increment", "[3]");
        JsonElement after = await (await admin.GetAsync("/api/worlds/w/digest")).ReadJsonAsync(HttpStatusCode.OK);

        after.GetProperty("digest").GetString().Should().NotBe(before.GetProperty("digest").GetString());
        after.GetProperty("tick").GetInt64().Should().BeGreaterThan(before.GetProperty("tick").GetInt64());
    }

    [Fact]
    public async Task TickRate_Should_ChangeTheWorldsRate_AndBeListed()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient admin = host.Client();
        await admin.CreateWorldAsync("w", tickRate: 20);

        JsonElement changed = await (await admin.PutAsync("/api/worlds/w/tick-rate", ApiClient.Json("""{"tickRate": 45}"""))).ReadJsonAsync(HttpStatusCode.OK);
        JsonElement listed = await (await admin.GetAsync("/api/worlds")).ReadJsonAsync(HttpStatusCode.OK);

        changed.GetProperty("tickRate").GetDouble().Should().Be(45);
        listed[0].GetProperty("tickRate").GetDouble().Should().Be(45);
    }

    [Theory]
    [InlineData("""{"tickRate": -1}""", HttpStatusCode.BadRequest, "The tick rate -1 is not allowed")]
    [InlineData("""{"tickRate": "x"}""", HttpStatusCode.BadRequest, "The field 'tickRate' is a string")]
    [InlineData("""{}""", HttpStatusCode.BadRequest, "The field 'tickRate' is missing")]
    public async Task TickRate_Should_Answer400_ForABadRate(string body, HttpStatusCode status, string expected)
    {
        await using TestHost host = await TestHost.StartAsync();
        await host.Client().CreateWorldAsync("w");

        string detail = await (await host.Client().PutAsync("/api/worlds/w/tick-rate", ApiClient.Json(body))).ReadProblemAsync(status);

        detail.Should().Contain(expected);
    }

    [Fact]
    public async Task TickRate_Should_NeedTheAdminToken()
    {
        await using TestHost host = await TestHost.StartAsync();
        string token = await host.Client().CreateWorldAsync("w");

        await (await host.Client(token).PutAsync("/api/worlds/w/tick-rate", ApiClient.Json("""{"tickRate": 5}"""))).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await host.Client(token: null).PutAsync("/api/worlds/w/tick-rate", ApiClient.Json("""{"tickRate": 5}"""))).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await host.Client().PutAsync("/api/worlds/nowhere/tick-rate", ApiClient.Json("""{"tickRate": 5}"""))).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnUnknownWorld_Should_Answer404()
    {
        await using TestHost host = await TestHost.StartAsync();

        string detail = await (await host.Client().GetAsync("/api/worlds/nowhere/digest")).ReadProblemAsync(HttpStatusCode.NotFound);

        detail.Should().Contain("No world 'nowhere'");
    }

    [Fact]
    public async Task Worlds_Should_SurviveARestart_WithTheirEntitiesAndTokens()
    {
        string data = Path.Combine(Path.GetTempPath(), "wasgo-restart-" + Guid.NewGuid().ToString("N"));
        try
        {
            string token;
            await using (TestHost first = await TestHost.StartAsync(settings: "--WasGo:Storage:DataPath=" + data))
            {
                using HttpClient admin = first.Client();
                await admin.DeployExampleAsync("counter");
                token = await admin.CreateWorldAsync("kept");
                await admin.SpawnAsync("kept", "c", "counter");
                await admin.CallAsync("kept", "c", "increment", "[41]");
                await admin.PutAsync("/api/worlds/kept/tick-rate", ApiClient.Json("""{"tickRate": 25}"""));
            }

            await using TestHost second = await TestHost.StartAsync(settings: "--WasGo:Storage:DataPath=" + data);
            JsonElement value = await (await second.Client(token).CallAsync("kept", "c", "increment", "[1]")).ReadJsonAsync(HttpStatusCode.OK);
            JsonElement world = await (await second.Client(token).GetAsync("/api/worlds/kept")).ReadJsonAsync(HttpStatusCode.OK);

            value.GetProperty("value").GetInt64().Should().Be(42);
            world.GetProperty("tickRate").GetDouble().Should().Be(25, "the rate change is replayed from the journal");
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }
}
