using Akka;
using Akka.Actor;
using WasGo.Actors.Entities;
using WasGo.Scripting;

namespace WasGo.Benchmarks.Scripting;

/// <summary>
/// A world run by an actor whose entities are actors of their own (<see cref="EntityActorRunner"/>),
/// as a host's world actor runs it, without the journal: a tick's phases run on the entity actors
/// in parallel. The caller waits for each tick.
/// </summary>
public sealed class ActorWorld : TickedWorld
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);
    private readonly ActorSystem _system;
    private readonly IActorRef _world;

    public ActorWorld(WorldSetup setup)
    {
        _system = ActorSystem.Create("bench", "akka.actor.default-dispatcher.throughput = 300");
        _world = _system.ActorOf(Props.Create(() => new WorldHost(setup)), "world");
    }

    public override TickResult Step(IReadOnlyList<WorldInput> inputs) => _world.Ask<TickResult>(new StepWorld(inputs), s_timeout).GetAwaiter().GetResult();

    public override byte[] Digest() => _world.Ask<byte[]>(DigestWorld.Instance, s_timeout).GetAwaiter().GetResult();

    protected override void Dispose(bool disposing)
    {
        _world.Ask<Done>(DisposeWorld.Instance, s_timeout).GetAwaiter().GetResult();
        _system.Terminate().GetAwaiter().GetResult();
    }

    private sealed record StepWorld(IReadOnlyList<WorldInput> Inputs);

    private sealed class DigestWorld
    {
        public static DigestWorld Instance { get; } = new();
    }

    private sealed class DisposeWorld
    {
        public static DisposeWorld Instance { get; } = new();
    }

    /// <summary>The actor that owns the world; its entities' actors are its children.</summary>
    private sealed class WorldHost : ReceiveActor
    {
        private readonly World _world;

        public WorldHost(WorldSetup setup)
        {
            var entities = new EntityActorRunner(Context);
            _world = setup.NewWorld(entities);
            ReceiveAsync<StepWorld>(async step =>
            {
                TickResult result = await _world.StepAsync(step.Inputs).ConfigureAwait(true);
                entities.Retain(_world.EntityIds);
                Sender.Tell(result);
            });
            Receive<DigestWorld>(_ => Sender.Tell(_world.Digest()));
            Receive<DisposeWorld>(_ =>
            {
                entities.Clear();
                _world.Dispose();
                Sender.Tell(Done.Instance);
            });
        }
    }
}
