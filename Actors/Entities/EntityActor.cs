using Akka.Actor;
using WasGo.Scripting;

namespace WasGo.Actors.Entities;

/// <summary>
/// One scripted entity of a world: runs the entity's batch of each phase of a tick (its Wasmtime
/// store and instance, its state row) on its own mailbox, so that a world's entities run in
/// parallel, and sends what the batch did to the world's collector.
/// </summary>
/// <remarks>
/// A trap is the script's and is handled inside the batch (the call's changes undone, a fresh
/// instance). An exception here is the host's: it is sent to the collector, which fails the tick,
/// and thrown to the world actor's supervision, which restarts the world from its journal.
/// </remarks>
internal sealed class EntityActor : ReceiveActor
{
    public EntityActor() => Receive<RunBatch>(Run);

    public static Props Props { get; } = Props.Create<EntityActor>();

    private void Run(RunBatch run)
    {
        EntityBatchResult result;
        try
        {
            result = run.Batch.Run();
        }
        catch (Exception e)
        {
            run.Collector.Tell(new Status.Failure(e));
            throw;
        }

        run.Collector.Tell(result);
    }
}
