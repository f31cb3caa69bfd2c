using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.Logging;
using WasGo.Host.Auth;
using WasGo.Host.Hosting;
using WasGo.Host.Tests.Http;
using WasGo.Host.Tests.Run;
using WasGo.Persistence;

namespace WasGo.Host.Tests.Requests;

/// <summary>A world's tick rate is from 0.1 to 1,000 ticks a second, on creation, on change, and when an older record is started.</summary>
public sealed class TickRateRangeTests
{
    private const string RangeText = "'tickRate' must be at least 0.1 and at most 1000 ticks a second";

    [Theory]
    [InlineData("1e-9")]
    [InlineData("1e-300")]
    [InlineData("0.09")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1000.5")]
    [InlineData("1e300")]
    public async Task CreateWorld_Should_Answer400_NamingTickRateAndItsRange_ForARateOutsideIt(string rate)
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient admin = host.Client();

        string detail = await (await admin.PostAsync("/api/worlds", ApiClient.Json($$"""{"id":"t","tickRate":{{rate}}}"""))).ReadProblemAsync(HttpStatusCode.BadRequest);

        detail.Should().Contain(RangeText);
        (await (await admin.GetAsync("/api/worlds")).ReadJsonAsync(HttpStatusCode.OK)).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task CreateWorld_Should_Answer400_NamingTickRate_ForANumberNoFloatHolds()
    {
        await using TestHost host = await TestHost.StartAsync();

        string detail = await (await host.Client().PostAsync("/api/worlds", ApiClient.Json("""{"id":"t","tickRate":1e400}"""))).ReadProblemAsync(HttpStatusCode.BadRequest);

        detail.Should().Contain("'tickRate'").And.Contain("1e400");
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(1000)]
    public async Task CreateWorld_Should_AcceptTheEndsOfTheRange(double rate)
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient admin = host.Client();

        await admin.CreateWorldAsync("t", rate);

        JsonElement world = (await (await admin.GetAsync("/api/worlds")).ReadJsonAsync(HttpStatusCode.OK))[0];
        world.GetProperty("tickRate").GetDouble().Should().Be(rate);
    }

    [Theory]
    [InlineData("1e-9")]
    [InlineData("1e-300")]
    [InlineData("5000")]
    public async Task SetTickRate_Should_Answer400_NamingTickRateAndItsRange_AndKeepTheWorldAsItWas(string rate)
    {
        await using TestHost host = await TestHost.StartAsync(settings: "--WasGo:Http:CallTimeout=00:00:05");
        using HttpClient admin = host.Client();
        await admin.CreateWorldAsync("t", 30);

        string detail = await (await admin.PutAsync("/api/worlds/t/tick-rate", ApiClient.Json($$"""{"tickRate":{{rate}}}"""))).ReadProblemAsync(HttpStatusCode.BadRequest);

        detail.Should().Contain(RangeText);
        JsonElement world = await (await admin.GetAsync("/api/worlds/t")).ReadJsonAsync(HttpStatusCode.OK);
        world.GetProperty("tickRate").GetDouble().Should().Be(30);
        (await admin.PutAsync("/api/worlds/t/tick-rate", ApiClient.Json("""{"tickRate":0.5}"""))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Cli_Should_PrintTheRange_WhenATickRateIsOutsideIt()
    {
        using RunningHost host = await RunningHost.StartAsync("--WasGo:Demo:Enabled=false");

        (int createCode, string created) = await host.CliAsync("world", "create", "t", "--tick-rate", "1e-9");
        (int okCode, string ok) = await host.CliAsync("world", "create", "u");
        (int rateCode, string rate) = await host.CliAsync("world", "tick-rate", "u", "2000");

        createCode.Should().Be(1, created);
        created.Should().Contain("400").And.Contain(RangeText);
        okCode.Should().Be(0, ok);
        rateCode.Should().Be(1, rate);
        rate.Should().Contain("400").And.Contain(RangeText);
    }

    [Fact]
    public async Task AStoredWorld_WithARateOutsideTheRange_Should_StartAtTheNearestAllowedRate_WithOneWarning()
    {
        string data = Path.Combine(Path.GetTempPath(), "wasgo-stored-rate-" + Guid.NewGuid().ToString("N"));
        string[] settings = ["--WasGo:Storage:DataPath=" + data, "--WasGo:Http:CallTimeout=00:00:05"];
        try
        {
            await StoreWorldsAsync(data, new Dictionary<string, double> { ["slow"] = 1e-9, ["fast"] = 1e6, ["fine"] = 20 });

            await using TestHost host = await TestHost.StartAsync(settings: settings);
            using HttpClient client = host.Client();

            JsonElement list = await (await client.GetAsync("/api/worlds")).ReadJsonAsync(HttpStatusCode.OK);

            list.EnumerateArray().Select(w => (w.GetProperty("id").GetString(), w.GetProperty("tickRate").GetDouble()))
                .Should().BeEquivalentTo([("fast", 1000.0), ("fine", 20.0), ("slow", 0.1)]);
            // The fast one answers at its next tick (the slow one's is up to 10 s away).
            (await client.PutAsync("/api/worlds/fast/tick-rate", ApiClient.Json("""{"tickRate":10}"""))).StatusCode.Should().Be(HttpStatusCode.OK);
            IReadOnlyList<CapturedLog> warnings = host.Logs.WithEventId(8036);
            warnings.Should().HaveCount(2);
            warnings.Should().OnlyContain(w => w.Level == LogLevel.Warning && w.Exception == null);
            warnings.Select(w => w.Message).Should().Contain(m => m.Contains("slow") && m.Contains("1E-09") && m.Contains("0.1"));
            warnings.Select(w => w.Message).Should().Contain(m => m.Contains("fast") && m.Contains("1000000") && m.Contains("1000"));
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    /// <summary>Writes world records as a version that allowed any positive rate did, before the host first opens the database.</summary>
    private static async Task StoreWorldsAsync(string dataPath, Dictionary<string, double> rates)
    {
        await using IPersistenceProvider store = await SqlitePersistence.OpenAsync(new SqlitePersistenceOptions { DataSource = Path.Combine(dataPath, StorageOptions.DatabaseFile) });
        foreach ((string id, double rate) in rates)
        {
            (await store.Worlds.TryAddAsync(new StoredWorld(id, rate, TokenHash.Of(id), DateTimeOffset.UtcNow))).Should().BeTrue();
        }
    }
}
