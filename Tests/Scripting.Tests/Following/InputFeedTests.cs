using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using WasGo.Persistence;
using WasGo.Scripting.Tests.Worlds;
using Wasmtime;

namespace WasGo.Scripting.Tests.Following;

/// <summary>The input feed as a host's world makes it and a client's replica steps on it, through the frames' bytes.</summary>
public sealed class InputFeedTests : IDisposable
{
    private const long Interval = World.SnapshotInterval;
    private readonly ScriptRuntime _runtime = new();
    private readonly Dictionary<string, Module> _modules = new(StringComparer.Ordinal);
    private readonly WorldOptions _options = new() { WorldId = "fed", RandomSeed = 42 };
    private readonly string _wanderer;

    public InputFeedTests()
    {
        byte[] bytes = Module.ConvertText(WorldScripts.Wanderer);
        _wanderer = ModuleHash.Of(bytes);
        _modules[_wanderer] = _runtime.Compile(_wanderer, bytes);
    }

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public async Task AReplicaStartedMidWay_Should_DigestAsTheHostsWorld_AtEveryTickItIsFed_AcrossSnapshots()
    {
        using var host = new Host(this);
        host.StepTo(Interval + 300); // past the first snapshot: the start carries it as the base
        InputFeedStart start = Decode<InputFeedStart>(host.StartNow());
        using WorldReplica replica = await WorldReplica.StartAsync(start, _runtime, LoadAsync, NullLogger.Instance);

        replica.World.Digest().Should().Equal(start.Digest, "the base stepped through the recorded ticks reaches the host's tick");
        start.BaseTick.Should().Be(Interval);
        start.ModuleHashes.Should().Equal(_wanderer);
        for (int i = 0; i < (int)Interval; i++)
        {
            InputFeedTick tick = Decode<InputFeedTick>(host.Step());
            TickResult stepped = await replica.StepAsync(tick);
            stepped.Digest.Should().Equal(tick.Digest, "tick {0}", tick.Tick);
        }
    }

    [Fact]
    public async Task AReplicaThatComesBack_Should_CarryOnThroughTheInputsSinceItsTick_WhenTheHistoryReachesBackToIt()
    {
        using var host = new Host(this);
        host.StepTo(200);
        using WorldReplica replica = await WorldReplica.StartAsync(Decode<InputFeedStart>(host.StartNow()), _runtime, LoadAsync, NullLogger.Instance);
        host.StepTo((2 * Interval) + 50); // two snapshots later

        InputFeedStart afresh = Decode<InputFeedStart>(host.StartNow());
        InputFeedStart back = Decode<InputFeedStart>(host.StartNow(from: replica.Tick));

        replica.CanCatchUp(afresh).Should().BeFalse("a new follower's start reaches back only to the newest snapshot");
        await replica.CatchUpAsync(back);
        back.HistoryFrom.Should().Be(200);
        back.Base!.Tick.Should().Be(2 * Interval);
        replica.World.Digest().Should().Equal(back.Digest);
    }

    [Fact]
    public void AWindow_Should_KeepAtMostItsHistory_BeforeTheNewestSnapshot()
    {
        using var host = new Host(this, inputEveryTick: true);
        host.StepTo((5 * Interval) + 10);

        InputFeedStart back = Decode<InputFeedStart>(host.StartNow(from: (5 * Interval) - InputFeedWindow.MaxHistory));
        InputFeedStart tooFar = Decode<InputFeedStart>(host.StartNow(from: (5 * Interval) - InputFeedWindow.MaxHistory - 1));

        back.HistoryFrom.Should().Be((5 * Interval) - InputFeedWindow.MaxHistory, "a call every tick: the window kept the newest {0} before the snapshot", InputFeedWindow.MaxHistory);
        tooFar.HistoryFrom.Should().Be(5 * Interval, "the window does not reach back to that tick: the start is a new follower's");
        back.Since.Should().HaveCount(InputFeedWindow.MaxHistory + 10);
        back.Since.Select(t => t.Tick).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData(new byte[0], "empty")]
    [InlineData(new byte[] { 0x41 }, "kind 0x41")]
    [InlineData(new byte[] { 0x54, 1, 0, 0 }, "malformed")]
    public void Decode_Should_RefuseBytesThatAreNotAFrame(byte[] bytes, string said)
    {
        Action decode = () => InputFeedFrame.Decode(bytes);

        decode.Should().Throw<FormatException>().WithMessage($"*{said}*");
    }

    [Fact]
    public void Decode_Should_RefuseAFrameWithBytesAfterItsEnd()
    {
        byte[] frame = [.. new InputFeedTick(7, [], [], null).Encode(), 0];

        Action decode = () => InputFeedFrame.Decode(frame);

        decode.Should().Throw<FormatException>().WithMessage("*after its end*");
    }

    [Fact]
    public void WorldRows_Should_FindTheFirstEntityAndColumnThatDiffer_AfterARoundTrip()
    {
        var ours = new WorldRows(9, new Dictionary<string, IReadOnlyDictionary<string, ScriptValue>>
        {
            ["a"] = new Dictionary<string, ScriptValue> { ["x"] = ScriptValue.FromFloat(1.5), ["y"] = ScriptValue.FromInteger(2) },
            ["b"] = new Dictionary<string, ScriptValue> { ["x"] = ScriptValue.FromFloat(-0.0) },
        });
        var theirs = new WorldRows(9, new Dictionary<string, IReadOnlyDictionary<string, ScriptValue>>
        {
            ["a"] = new Dictionary<string, ScriptValue> { ["x"] = ScriptValue.FromFloat(1.5), ["y"] = ScriptValue.FromInteger(2) },
            ["b"] = new Dictionary<string, ScriptValue> { ["x"] = ScriptValue.FromFloat(0.0) },
        });

        WorldRows decoded = WorldRows.Decode(theirs.Encode());
        RowDifference? difference = ours.FirstDifferenceFrom(decoded);

        ours.FirstDifferenceFrom(WorldRows.Decode(ours.Encode())).Should().BeNull();
        difference.Should().Be(new RowDifference("b", "x", ScriptValue.FromFloat(-0.0), ScriptValue.FromFloat(0.0)), "-0.0 and 0.0 are other bits");
    }

    private static T Decode<T>(byte[] frame)
        where T : InputFeedFrame => (T)InputFeedFrame.Decode(frame);

    private Task<Module> LoadAsync(string hash, CancellationToken cancellationToken) => Task.FromResult(_modules[hash]);

    /// <summary>A host's side of the feed: a world of wanderers bumping each other, its window, and the frames it sends.</summary>
    private sealed class Host : IDisposable
    {
        private readonly World _world;
        private readonly InputFeedWindow _window = new();
        private readonly InputFeedSettings _settings;
        private readonly bool _inputEveryTick;
        private readonly string _wanderer;

        public Host(InputFeedTests test, bool inputEveryTick = false)
        {
            _world = new World(test._options, test._runtime, test._modules.GetValueOrDefault, NullLogger.Instance);
            _settings = InputFeedSettings.Of(test._options, test._runtime.Options);
            _inputEveryTick = inputEveryTick;
            _wanderer = test._wanderer;
            _window.Begin(null);
        }

        public void StepTo(long tick)
        {
            while (_world.Tick < tick)
            {
                Step();
            }
        }

        /// <summary>Steps one tick as a world actor does: recorded in the window, then sent as a frame.</summary>
        public byte[] Step()
        {
            long next = _world.Tick + 1;
            IReadOnlyList<WorldInput> inputs = next == 1
                ? [.. Enumerable.Range(0, 4).SelectMany(i => new WorldInput[] { new SpawnInput($"w{i}", _wanderer), new CallInput($"w{i}", "set_peer", [ScriptValue.FromString($"w{(i + 1) % 4}")]) })]
                : _inputEveryTick || next % 37 == 0 ? [new CallInput($"w{next % 4}", "bump", [ScriptValue.FromFloat(next % 11)])] : [];
            TickResult result = _world.Step(inputs);
            var tick = new InputFeedTick(result.Tick, inputs, result.TimedOutCalls, result.Digest);
            _window.Record(tick);
            if (result.Tick % Interval == 0)
            {
                _window.Rebase(_world.CaptureSnapshot());
            }

            return tick.Encode();
        }

        public byte[] StartNow(long? from = null) => _window.StartAt(_settings, _world.Tick, _world.Digest(), from).Encode();

        public void Dispose() => _world.Dispose();
    }
}
