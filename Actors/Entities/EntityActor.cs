using Akka.Actor;
using WasGo.Scripting;

namespace WasGo.Actors.Entities;

/// <summary>
/// One scripted entity of a world: runs the entity's batch of each phase of a tick (its Wasmtime
/// store and instance, its state row) on its own mailbox, so that a world's entities run in
/// parallel, and answers in the phase what the batch did.
/// </summary>
/// <remarks>
/// A trap is the script's and is handled inside the batch (the call's changes undone, a fresh
/// instance). An exception here is the host's: it fails the phase and with it the tick; the world
/// actor then fails, and its owner starts it again from its journal.
/// </remarks>
internal sealed class EntityActor : ReceiveActor
{
    public EntityActor() => Receive<RunBatch>(Run);

    public static Props Props { get; } = Props.Create<EntityActor>();

    private static void Run(RunBatch run)
    {
        EntityBatchResult result;
        try
        {
            result = run.Batch.Run();
        }
        catch (Exception e)
        {
            run.Phase.Fail(e);
            return;
        }

        run.Phase.Answer(run.Batch.Index, result);
    }
}
