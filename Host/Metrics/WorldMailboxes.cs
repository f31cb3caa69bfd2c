using System.Collections.Concurrent;
using Akka.Actor;

namespace WasGo.Host.Metrics;

/// <summary>
/// The world actors running on this node, kept by their sharded entities as they start and stop
/// them, so that the gauges can read how many messages wait in their mailboxes: inputs and queries
/// queue there while a world is busy with a tick.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class WorldMailboxes
{
    private readonly ConcurrentDictionary<IActorRef, string> _worlds = new();

    /// <summary>Gets how many world actors run on this node.</summary>
    public int Count => _worlds.Count;

    public void Started(IActorRef world, string worldId) => _worlds[world] = worldId;

    public void Stopped(IActorRef world) => _worlds.TryRemove(world, out _);

    /// <summary>Reads every mailbox: the messages waiting in all of them, and in the fullest one.</summary>
    public (long Waiting, long Fullest) Measure()
    {
        long waiting = 0;
        long fullest = 0;
        foreach (IActorRef world in _worlds.Keys)
        {
            // A local actor's cell counts its mailbox; a world that has just stopped counts 0.
            long messages = world is ActorRefWithCell { Underlying: { } cell } ? cell.NumberOfMessages : 0;
            waiting += messages;
            fullest = Math.Max(fullest, messages);
        }

        return (waiting, fullest);
    }
}
