using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Event;
using Akka.TestKit;
using FluentAssertions;
using WasGo.Actors.Worlds;
using WasGo.Scripting;
using WasGo.Scripting.Tests.Worlds;
using Xunit.Abstractions;

namespace WasGo.Actors.Tests.Worlds;

public sealed class WorldActorTests(ITestOutputHelper output) : WorldTestKit(output)
{
    private readonly WorldOptions _world = new() { WorldId = "live", TickRate = 50 };

    [Fact]
    public async Task AWorld_Should_TickAtItsRate_AndApplyInputsAtTheNextTick()
    {
        await DeployAsync("wanderer", "1", WorldScripts.Wanderer);
        IActorRef world = Sys.ActorOf(Props.Create(() => new WorldActor(_world, Runtime, Modules)));

        (await world.Ask<CallResult>(new WorldSpawn("w1", "wanderer"), TimeSpan.FromSeconds(5))).IsSuccess.Should().BeTrue();
        (await world.Ask<CallResult>(new WorldCall("w1", "bump", [ScriptValue.FromFloat(9)]), TimeSpan.FromSeconds(5))).IsSuccess.Should().BeTrue();
        (await world.Ask<CallResult>(new WorldCall("nobody", "bump", [ScriptValue.FromFloat(9)]), TimeSpan.FromSeconds(5))).Error!.Code.Should().Be(ScriptErrorCode.Unavailable);

        WorldStatus first = await world.Ask<WorldStatus>(GetWorldStatus.Instance, TimeSpan.FromSeconds(5));
        WorldStatus later = first;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (later.Tick <= first.Tick + 5 && clock.Elapsed < TimeSpan.FromSeconds(10)) // a busy machine may tick late, not never
        {
            await Task.Delay(50);
            later = await world.Ask<WorldStatus>(GetWorldStatus.Instance, TimeSpan.FromSeconds(5));
        }

        first.Entities["w1"]["bumps"].AsInteger().Should().Be(1);
        first.Modules.Should().Equal(new Dictionary<string, string> { ["w1"] = (await Store.Modules.ResolveAsync("wanderer"))!.Hash }, "the status names each entity's module by hash");
        later.Tick.Should().BeGreaterThan(first.Tick + 5, "it keeps ticking at 50 Hz without any input");
        later.Digest.Should().NotBe(first.Digest, "the wanderer moves on every tick");
    }

    [Fact]
    public async Task AWorldsEntities_Should_BeActorsOfItsOwn_AndStopWhenTheyLeave()
    {
        await DeployAsync("wanderer", "1", WorldScripts.Wanderer);
        IActorRef world = Sys.ActorOf(Props.Create(() => new WorldActor(_world, Runtime, Modules)), "world");
        foreach (string id in new[] { "a", "b", "c" })
        {
            (await world.Ask<CallResult>(new WorldSpawn(id, "wanderer"), TimeSpan.FromSeconds(5))).IsSuccess.Should().BeTrue();
        }

        await AwaitAssertAsync(async () => (await EntityActorsAsync()).Should().HaveCount(3));
        (await world.Ask<CallResult>(new WorldDespawn("b"), TimeSpan.FromSeconds(5))).IsSuccess.Should().BeTrue();

        await AwaitAssertAsync(async () => (await EntityActorsAsync()).Select(static e => e.Path.Name).Should().BeEquivalentTo(["entity-a-0", "entity-c-2"]));

        async Task<IActorRef[]> EntityActorsAsync()
        {
            ActorIdentity[] found = await Task.WhenAll(new[] { "a-0", "b-1", "c-2" }.Select(name =>
                Sys.ActorSelection($"/user/world/entity-{name}").Ask<ActorIdentity>(new Identify(name), TimeSpan.FromSeconds(5))));
            return [.. found.Where(static f => f.Subject is not null).Select(static f => f.Subject!)];
        }
    }

    [Fact]
    public async Task AStatusAskedAsTheWorldIsMade_Should_FindItRecovered()
    {
        await DeployAsync("wanderer", "1", WorldScripts.Wanderer);
        IActorRef first = Sys.ActorOf(Props.Create(() => new WorldActor(_world, Runtime, Modules)));
        await first.Ask<CallResult>(new WorldSpawn("a", "wanderer"), TimeSpan.FromSeconds(5));
        TestProbe watcher = CreateTestProbe();
        watcher.Watch(first);
        Sys.Stop(first);
        await watcher.ExpectTerminatedAsync(first);

        // A sharded world is made by its shard and handed its first message at once, before it could recover.
        var again = Props.Create(() => new WorldActor(_world, Runtime, Modules));
        WorldStatus status = await Sys.ActorOf(again).Ask<WorldStatus>(GetWorldStatus.Instance, TimeSpan.FromSeconds(5));

        status.Entities.Should().ContainKey("a");
    }

    [Fact]
    public async Task AnIdempotentInput_Should_TakeEffectOnce_AndARepeatGetTheFirstAnswer_EvenAfterAReplay()
    {
        await DeployAsync("wanderer", "1", WorldScripts.Wanderer);
        IActorRef world = Sys.ActorOf(Props.Create(() => new WorldActor(_world, Runtime, Modules)));
        await world.Ask<CallResult>(new WorldSpawn("w", "wanderer"), TimeSpan.FromSeconds(5));
        var bump = new IdempotentInput(Guid.NewGuid().ToString("N"), new WorldCall("w", "bump", [ScriptValue.FromFloat(1)]));

        CallResult first = await world.Ask<CallResult>(bump, TimeSpan.FromSeconds(5));
        CallResult repeat = await world.Ask<CallResult>(bump, TimeSpan.FromSeconds(5));
        TestProbe watcher = CreateTestProbe();
        watcher.Watch(world);
        Sys.Stop(world);
        await watcher.ExpectTerminatedAsync(world);
        IActorRef replayed = Sys.ActorOf(Props.Create(() => new WorldActor(_world, Runtime, Modules)));
        CallResult afterReplay = await replayed.Ask<CallResult>(bump, TimeSpan.FromSeconds(5));
        WorldStatus status = await replayed.Ask<WorldStatus>(GetWorldStatus.Instance, TimeSpan.FromSeconds(5));

        repeat.Should().Be(first);
        afterReplay.Should().Be(first, "the replay recomputed the answer of the recorded id");
        status.Entities["w"]["bumps"].AsInteger().Should().Be(1, "three deliveries of one message, one effect");
    }

    [Fact]
    public async Task CopiesOfAMessageWaitingForTheSameTick_Should_TakeEffectOnce_AndAllBeAnswered()
    {
        await DeployAsync("wanderer", "1", WorldScripts.Wanderer);
        IActorRef world = Sys.ActorOf(Props.Create(() => new WorldActor(_world, Runtime, Modules)));
        await world.Ask<CallResult>(new WorldSpawn("w", "wanderer"), TimeSpan.FromSeconds(5));
        var bump = new IdempotentInput(Guid.NewGuid().ToString("N"), new WorldCall("w", "bump", [ScriptValue.FromFloat(1)]));

        CallResult[] answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => world.Ask<CallResult>(bump, TimeSpan.FromSeconds(5))));
        WorldStatus status = await world.Ask<WorldStatus>(GetWorldStatus.Instance, TimeSpan.FromSeconds(5));

        answers.Should().OnlyContain(a => a == answers[0]);
        status.Entities["w"]["bumps"].AsInteger().Should().Be(1);
    }

    [Fact]
    public async Task Spawning_AnUndeployedModule_Should_AnswerUnavailable()
    {
        IActorRef world = Sys.ActorOf(Props.Create(() => new WorldActor(_world, Runtime, Modules)));
        CallResult result = await world.Ask<CallResult>(new WorldSpawn("x", "missing"), TimeSpan.FromSeconds(5));
        result.Error!.Code.Should().Be(ScriptErrorCode.Unavailable);
        result.Error.Message.Should().Contain("missing");
    }

    [Fact]
    public async Task AWorld_Should_ReplayItsRecordedInputs_ToTheSameDigest_AndNeverGoBack_WhenItStartsAgain()
    {
        await DeployAsync("wanderer", "1", WorldScripts.Wanderer);
        Sys.EventStream.Subscribe<WorldTicked>(TestActor);
        IActorRef first = Sys.ActorOf(Props.Create(() => new WorldActor(_world, Runtime, Modules)));
        await first.Ask<CallResult>(new WorldSpawn("a", "wanderer"), TimeSpan.FromSeconds(5));
        await first.Ask<CallResult>(new WorldSpawn("b", "wanderer"), TimeSpan.FromSeconds(5));
        await first.Ask<CallResult>(new WorldCall("a", "set_peer", [ScriptValue.FromString("b")]), TimeSpan.FromSeconds(5));
        await first.Ask<CallResult>(new WorldCall("b", "bump", [ScriptValue.FromFloat(3)]), TimeSpan.FromSeconds(5));

        TestProbe watcher = CreateTestProbe();
        watcher.Watch(first);
        Sys.Stop(first);
        await watcher.ExpectTerminatedAsync(first);
        Sys.ActorOf(Props.Create(() => new WorldActor(_world, Runtime, Modules)));

        // Every tick with inputs was published by the first world; the recovered one names its tick.
        var published = new Dictionary<long, string>();
        WorldTicked recovered;
        while (true)
        {
            var ticked = (WorldTicked)await FishForMessageAsync(m => m is WorldTicked { WorldId: "live" });
            if (ticked.Recovered)
            {
                recovered = ticked;
                break;
            }

            published[ticked.Tick] = ticked.Digest;
        }

        recovered.Tick.Should().BeGreaterThanOrEqualTo(published.Keys.Max(), "a world's clock never goes back across a crash");
        recovered.Digest.Should().Be(await DigestByHandAsync(recovered.Tick), "the replay is the recorded inputs at their ticks, and nothing else");
    }

    [Fact]
    public async Task AWorldPastItsFirstSnapshot_Should_RecoverFromIt_ToTheDigestOfAFullReplay_AndKeepItsAnswers()
    {
        await DeployAsync("wanderer", "1", WorldScripts.Wanderer);
        var fast = new WorldOptions { WorldId = "live", TickRate = WorldOptions.MaxTickRate };
        IActorRef first = Sys.ActorOf(Props.Create(() => new WorldActor(fast, Runtime, Modules)));
        await first.Ask<CallResult>(new WorldSpawn("a", "wanderer"), TimeSpan.FromSeconds(5));
        var bump = new IdempotentInput("bump-once", new WorldCall("a", "bump", [ScriptValue.FromFloat(1)]));
        CallResult answer = await first.Ask<CallResult>(bump, TimeSpan.FromSeconds(5));
        await AwaitConditionAsync(
            async () => (await first.Ask<WorldStatus>(GetWorldStatus.Instance, TimeSpan.FromSeconds(5))).Tick > World.SnapshotInterval + 10,
            TimeSpan.FromSeconds(60));
        WorldCheckpointed checkpoint = await first.Ask<WorldCheckpointed>(CheckpointWorld.Instance, TimeSpan.FromSeconds(5));
        TestProbe watcher = CreateTestProbe();
        watcher.Watch(first);
        Sys.Stop(first);
        await watcher.ExpectTerminatedAsync(first);

        Sys.EventStream.Subscribe<WorldTicked>(TestActor);
        IActorRef again = Sys.ActorOf(Props.Create(() => new WorldActor(fast, Runtime, Modules)));
        var recovered = (WorldTicked)await FishForMessageAsync(m => m is WorldTicked { Recovered: true }, TimeSpan.FromSeconds(30));
        CallResult repeat = await again.Ask<CallResult>(bump, TimeSpan.FromSeconds(5));
        WorldStatus status = await again.Ask<WorldStatus>(GetWorldStatus.Instance, TimeSpan.FromSeconds(5));

        (await SnapshotCountAsync()).Should().Be(1, "a snapshot was saved at tick 1024, and only the newest is kept");
        recovered.Tick.Should().Be(checkpoint.Tick);
        recovered.Digest.Should().Be(checkpoint.Digest, "the snapshot and the events after it give the state the world had");
        recovered.Digest.Should().Be(await DigestByHandAsync(recovered.Tick, fast), "a replay of every recorded input from tick 0 gives the same state");
        repeat.Should().Be(answer, "the snapshot kept the answer of the keyed input, whose event it replaced");
        status.Entities["a"]["bumps"].AsInteger().Should().Be(1);
    }

    private async Task<long> SnapshotCountAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(JournalDatabase.ConnectionString);
        await connection.OpenAsync();
        await using Microsoft.Data.Sqlite.SqliteCommand count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM snapshot WHERE persistence_id = $id";
        count.Parameters.AddWithValue("$id", WorldActor.PersistenceIdOf("live"));
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>Steps a world by hand with the inputs in the journal (read through Akka.Persistence.Query), to the tick given.</summary>
    private async Task<string> DigestByHandAsync(long tick, WorldOptions? options = null)
    {
        options ??= _world;
        var inputs = new Dictionary<long, IReadOnlyList<WorldInput>>();
        SqlReadJournal journal = PersistenceQuery.Get(Sys).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        await journal.CurrentEventsByPersistenceId(WorldActor.PersistenceIdOf(_world.WorldId), 0, long.MaxValue)
            .RunForeach(
                e =>
                {
                    if (e.Event is RecordedTick { Inputs.Count: > 0 } recorded)
                    {
                        inputs[recorded.Tick] = recorded.Inputs;
                    }
                },
                Sys.Materializer());

        var modules = new Dictionary<string, Wasmtime.Module>();
        foreach (string hash in inputs.Values.SelectMany(i => i).OfType<SpawnInput>().Select(s => s.ModuleHash).Distinct())
        {
            modules[hash] = Runtime.Compile(hash, (await Store.Modules.GetAsync(hash))!);
        }

        using var world = new World(options, Runtime, modules.GetValueOrDefault, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        while (world.Tick < tick)
        {
            world.Step(inputs.GetValueOrDefault(world.Tick + 1, []), timedOutCalls: []);
        }

        return Convert.ToHexStringLower(world.Digest());
    }

    [Fact]
    public async Task ACheckpointedWorld_Should_ResumeAtTheTickItReached_NotAtItsLastInput()
    {
        await DeployAsync("wanderer", "1", WorldScripts.Wanderer);
        IActorRef first = Sys.ActorOf(Props.Create(() => new WorldActor(_world, Runtime, Modules)));
        await first.Ask<CallResult>(new WorldSpawn("a", "wanderer"), TimeSpan.FromSeconds(5));
        WorldStatus afterInput = await first.Ask<WorldStatus>(GetWorldStatus.Instance, TimeSpan.FromSeconds(5));
        await AwaitConditionAsync(async () => (await first.Ask<WorldStatus>(GetWorldStatus.Instance, TimeSpan.FromSeconds(5))).Tick > afterInput.Tick + 10);

        WorldCheckpointed checkpoint = await first.Ask<WorldCheckpointed>(CheckpointWorld.Instance, TimeSpan.FromSeconds(5));
        TestProbe watcher = CreateTestProbe();
        watcher.Watch(first);
        Sys.Stop(first);
        await watcher.ExpectTerminatedAsync(first);
        Sys.EventStream.Subscribe<WorldTicked>(TestActor);
        Sys.ActorOf(Props.Create(() => new WorldActor(_world, Runtime, Modules)));
        var recovered = (WorldTicked)await FishForMessageAsync(m => m is WorldTicked { Recovered: true });

        checkpoint.Tick.Should().BeGreaterThan(afterInput.Tick + 10);
        recovered.Tick.Should().Be(checkpoint.Tick, "ticks without inputs up to the checkpoint are replayed too");
        recovered.Digest.Should().Be(checkpoint.Digest, "replaying to the checkpoint gives the state the world had there");
    }
}
