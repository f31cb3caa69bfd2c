using FluentAssertions;
using WasGo.Actors.TestKit;
using WasGo.Host.Commands;
using WasGo.Host.Tests.Following;
using WasGo.Host.Tests.Run;

namespace WasGo.Host.Tests.Cli;

/// <summary><c>wasgo world follow</c> in a process of its own, against a real <c>wasgo run</c> with a world of wanderers at 1,000 ticks a second.</summary>
public sealed class WorldFollowCommandTests
{
    private const int SigInt = 2;
    private const string World = Wanderers.World;

    [Fact]
    public async Task Follow_Should_CheckTheTicksAsked_AndExit0_WhenEveryDigestAgrees()
    {
        using RunningHost host = await RunningHost.StartAsync("--WasGo:Demo:Enabled=false");
        await Wanderers.CreateWorldAsync(host, count: 4);

        (int code, string output) = await host.CliAsync("world", "follow", World, "--ticks", "300");

        code.Should().Be(0, output);
        output.Should().MatchRegex(@"tick \d+: digests agree \(digest [0-9a-f]{12}…\), lag \d+ ticks, \d+ checked")
            .And.Contain($"followed world {World} for 300 ticks").And.Contain("every digest agreed");
    }

    [Fact]
    public async Task Follow_Should_RefuseAnUnknownWorld_AndABadToken_WithTheHostsReason()
    {
        using RunningHost host = await RunningHost.StartAsync("--WasGo:Demo:Enabled=false");
        await Wanderers.CreateWorldAsync(host, count: 1);

        (int unknownCode, string unknown) = await host.CliAsync("world", "follow", "nowhere", "--ticks", "10");
        (int tokenCode, string badToken) = await host.CliAsync("world", "follow", World, "--ticks", "10", "--token", "wrong");
        (int usageCode, string usage) = await host.CliAsync("world", "follow", World, "--ticks", "0");

        unknownCode.Should().Be(1, unknown);
        unknown.Should().Contain("wasgo: 404 Not Found: No world 'nowhere' runs on this host.");
        tokenCode.Should().Be(1, badToken);
        badToken.Should().Contain("wasgo: 401 Unauthorized");
        usageCode.Should().Be(1, usage);
        usage.Should().Contain("--ticks must be at least 1.");
    }

    [Fact]
    public async Task Follow_Should_NameTheDisagreement_AndExit3()
    {
        using RunningHost host = await RunningHost.StartAsync("--WasGo:Demo:Enabled=false");
        string token = await Wanderers.CreateWorldAsync(host, count: 2);
        await Wanderers.TamperStoredModuleAsync(host);

        (int code, string output) = await host.CliAsync("world", "follow", World, "--token", token);

        code.Should().Be(WorldCommand.Disagreed, output).And.Be(3, "the README documents 3");
        output.Should().Contain($"wasgo: world {World} disagrees with the host. Tick ").And.Contain("hash to");
    }

    [Fact]
    public async Task Follow_Should_StopOnCtrlC_AndExit0()
    {
        using RunningHost host = await RunningHost.StartAsync("--WasGo:Demo:Enabled=false");
        string token = await Wanderers.CreateWorldAsync(host, count: 2);
        using WasgoProcess follow = WasgoProcess.Start("world", "follow", World, "--host", host.Url, "--token", token);
        await follow.WaitForOutputAsync("digests agree", TimeSpan.FromSeconds(60));

        follow.Signal(SigInt);

        (await follow.WaitForExitAsync(TimeSpan.FromSeconds(20))).Should().BeTrue(follow.Output);
        follow.ExitCode.Should().Be(0, follow.Output);
        follow.Output.Should().Contain($"followed world {World} for ").And.Contain("every digest agreed");
    }
}
