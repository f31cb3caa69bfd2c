using System.Net;
using System.Reflection;
using FluentAssertions;
using Microsoft.Extensions.Options;
using WasGo.Actors.TestKit;
using WasGo.Host.Tests.Http;
using WasGo.Host.Tests.Run;
using WasGo.Host.Worlds;
using WasGo.Scripting;

namespace WasGo.Host.Tests.Requests;

/// <summary>The budgets of every world come from <c>WasGo:Worlds</c>; a value out of range stops the host at start.</summary>
public sealed class WorldLimitsTests
{
    [Theory]
    [InlineData("FuelPerCall", "0", "WasGo:Worlds:FuelPerCall is 0; it must be between 10000 and 1000000000000.")]
    [InlineData("CallTimeLimit", "00:00:00", "WasGo:Worlds:CallTimeLimit is 00:00:00; it must be between 00:00:00.0010000 and 00:05:00.")]
    [InlineData("MaxMessagesPerTick", "0", "WasGo:Worlds:MaxMessagesPerTick is 0; it must be between 1 and 1000000.")]
    [InlineData("MaxMessagesPerEntityPerTick", "-1", "WasGo:Worlds:MaxMessagesPerEntityPerTick is -1; it must be between 1 and 1000000.")]
    [InlineData("MaxPendingMessages", "0", "WasGo:Worlds:MaxPendingMessages is 0; it must be between 1 and 10000000.")]
    [InlineData("MaxPendingMessagesPerEntity", "20000000", "WasGo:Worlds:MaxPendingMessagesPerEntity is 20000000; it must be between 1 and 10000000.")]
    [InlineData("MaxSignalBytesPerTick", "100", "WasGo:Worlds:MaxSignalBytesPerTick is 100; it must be between 1024 and 268435456.")]
    [InlineData("MaxSignalBytesPerEntityPerTick", "0", "WasGo:Worlds:MaxSignalBytesPerEntityPerTick is 0; it must be between 1024 and 268435456.")]
    [InlineData("MaxHostBytesPerCall", "10", "WasGo:Worlds:MaxHostBytesPerCall is 10; it must be between 1048576 and 1073741824.")]
    [InlineData("ProgressInterval", "01:00:00", "WasGo:Worlds:ProgressInterval is 01:00:00; it must be between 00:00:00.0100000 and 00:01:00.")]
    public async Task Host_Should_RefuseToStart_NamingAWorldBudgetOutOfRange(string setting, string value, string expected)
    {
        Func<Task> start = async () => await (await TestHost.StartAsync(settings: $"--WasGo:Worlds:{setting}={value}")).DisposeAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(expected);
    }

    [Fact]
    public async Task Run_Should_ExitWith2_NamingAWorldBudgetOutOfRange()
    {
        using WasgoProcess wasgo = WasgoProcess.Start("run", "--WasGo:Worlds:CallTimeLimit=-00:00:01", "--WasGo:Storage:DataPath=" + Path.Combine(Path.GetTempPath(), "wasgo-never-" + Guid.NewGuid().ToString("N")));

        (await wasgo.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().BeTrue();
        wasgo.ExitCode.Should().Be(2, wasgo.Output);
        wasgo.Output.Should().Contain("WasGo:Worlds:CallTimeLimit is -00:00:01; it must be between");
        wasgo.Output.Should().NotContain("WasGo host is up");
    }

    [Fact]
    public async Task FuelPerCall_Should_BeEveryWorldsFuelBudget()
    {
        await using TestHost host = await TestHost.StartAsync(settings: "--WasGo:Worlds:FuelPerCall=100000");
        using HttpClient admin = host.Client();
        await HostileScript.WorldWithAnEntityAsync(admin, "w", "h");

        (await admin.CallAsync("w", "h", "work", "[10]")).StatusCode.Should().Be(HttpStatusCode.OK);
        HttpResponseMessage heavy = await admin.CallAsync("w", "h", "work", "[200000]");

        (await heavy.ReadJsonAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString().Should().Be("out_of_fuel");
    }

    [Fact]
    public async Task CallTimeLimit_Should_BeEveryWorldsWallClockBudget()
    {
        await using TestHost host = await TestHost.StartAsync(settings: ["--WasGo:Worlds:CallTimeLimit=00:00:00.300", "--WasGo:Worlds:FuelPerCall=1000000000000"]);
        using HttpClient admin = host.Client();
        await HostileScript.WorldWithAnEntityAsync(admin, "w", "h");

        HttpResponseMessage spun = await admin.CallAsync("w", "h", "spin", "[]");

        (await spun.ReadJsonAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString().Should().Be("timed_out");
        (await admin.CallAsync("w", "h", "bump", "[]")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public void EveryWorldBudget_Should_HaveASetting_WithWorldOptionsDefault()
    {
        string[] notBudgets = [nameof(WorldOptions.WorldId), nameof(WorldOptions.TickRate), nameof(WorldOptions.RandomSeed)];
        var defaults = new WorldOptions();
        var settings = new WorldLimitsOptions();
        WorldOptions made = settings.ForWorld("w", 5);

        foreach (PropertyInfo budget in typeof(WorldOptions).GetProperties().Where(p => p.CanWrite && !notBudgets.Contains(p.Name)))
        {
            PropertyInfo? setting = typeof(WorldLimitsOptions).GetProperty(budget.Name);
            setting.Should().NotBeNull($"WorldOptions.{budget.Name} is a world budget, so WasGo:Worlds:{budget.Name} must set it");
            setting!.GetValue(settings).Should().Be(budget.GetValue(defaults), $"the default of WasGo:Worlds:{budget.Name} is WorldOptions'");
            budget.GetValue(made).Should().Be(setting.GetValue(settings), $"every world gets WasGo:Worlds:{budget.Name}");
        }

        made.WorldId.Should().Be("w");
        made.TickRate.Should().Be(5);
    }
}
