using System.Text.RegularExpressions;
using FluentAssertions;
using WasGo.Actors.TestKit;

namespace WasGo.Host.Tests.Run;

public sealed class RunCommandTests
{
    private const int SigInt = 2;
    private const int SigTerm = 15;
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(SigTerm)]
    [InlineData(SigInt)]
    public async Task Run_Should_LogThatItIsUp_AndStopCleanly_OnSignal(int signal)
    {
        string data = Path.Combine(Path.GetTempPath(), "wasgo-host-" + Guid.NewGuid().ToString("N"));
        try
        {
            using WasgoProcess wasgo = WasgoProcess.Start("run", "--WasGo:Storage:DataPath=" + data, "--urls=http://127.0.0.1:0");
            await wasgo.WaitForOutputAsync("WasGo host is up", s_startTimeout);

            // Up and serving: the store, the actors, the demo world and the HTTP server have all started.
            await wasgo.WaitForOutputAsync("WasGo API listening on", s_startTimeout);

            // Everything the start logged, before the stop's own lines.
            string start = wasgo.Output;
            wasgo.Signal(signal);

            (await wasgo.WaitForExitAsync(s_stopTimeout)).Should().BeTrue("wasgo must stop within a bounded time after a signal; output:\n" + wasgo.Output);
            wasgo.ExitCode.Should().Be(0, wasgo.Output);
            wasgo.Output.Should().Contain("WasGo host is stopping: terminating every actor").And.Contain("WasGo host stopped cleanly");
            wasgo.Output.Should().Contain("Storage: embedded SQLite at " + Path.Combine(data, "wasgo.db"));
            wasgo.Output.Should().NotContain("[INFO]", "Akka's own information (remoting, joining, singletons, shards) is below a dev host's log level: the start says what the host did, in its own lines");
            wasgo.Output.Should().NotContain("[WARNING]", "a single node has nothing to warn about: its journals are warm and it is Up before the demo world's first message reaches the shard region");
            // A word "shard" or "shards" (Akka's lines and ours), not the category WorldSharding.
            string[] shardLines = [.. start.Split('\n').Where(line => Regex.IsMatch(line, @"\bshards?\b", RegexOptions.IgnoreCase))];
            shardLines.Should().ContainSingle("one summary line says the node owns the shards, none per shard")
                .Which.Should().Contain("is up alone as akka.tcp://wasgo@").And.Contain("it owns all 64 shards of worlds");
            File.Exists(Path.Combine(data, "wasgo.db")).Should().BeTrue("the dev host keeps its data in the configured folder");
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Run_Should_RefuseToStart_WhenASettingIsOutOfRange()
    {
        using WasgoProcess wasgo = WasgoProcess.Start("run", "--WasGo:Actors:Throughput=0");

        (await wasgo.WaitForExitAsync(s_startTimeout)).Should().BeTrue();
        wasgo.ExitCode.Should().Be(2);
        wasgo.Output.Should().Contain("WasGo:Actors:Throughput is 0; it must be at least 1.");
        wasgo.Output.Should().NotContain("WasGo host is up");
    }

    [Fact]
    public async Task Run_Should_SayHowManyLiveScriptsTheKernelsMappingLimitLeavesRoomFor()
    {
        long mappings = long.Parse(await File.ReadAllTextAsync("/proc/sys/vm/max_map_count"), System.Globalization.CultureInfo.InvariantCulture);
        using RunningHost host = await RunningHost.StartAsync("--WasGo:Demo:Enabled=false");

        host.Process.Output.Should().Contain($"vm.max_map_count is {mappings}, room for about {(mappings - 2_000) / 3} live entities");
    }

    [Fact]
    public async Task Wasgo_Should_FailWithUsage_ForAnUnknownCommand()
    {
        using WasgoProcess wasgo = WasgoProcess.Start("frobnicate");

        (await wasgo.WaitForExitAsync(s_startTimeout)).Should().BeTrue();
        wasgo.ExitCode.Should().NotBe(0);
        wasgo.Output.Should().Contain("Unrecognized command or argument 'frobnicate'");
    }
}
