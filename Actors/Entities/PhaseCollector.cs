using Akka.Actor;
using WasGo.Scripting;

namespace WasGo.Actors.Entities;

/// <summary>
/// Gathers the results of one phase's batches for the world actor, which awaits the phase while
/// its own mailbox is suspended, and completes the phase when the last arrives (or fails it on the
/// first failure).
/// </summary>
internal sealed class PhaseCollector : ReceiveActor
{
    private Phase? _phase;

    public PhaseCollector()
    {
        Receive<Phase>(phase => _phase = phase);
        Receive<EntityBatchResult>(result =>
        {
            Phase phase = _phase!;
            phase.Results.Add(result);
            if (phase.Results.Count == phase.Expected)
            {
                _phase = null;
                phase.Done.TrySetResult(phase.Results);
            }
        });
        Receive<Status.Failure>(failure =>
        {
            _phase?.Done.TrySetException(failure.Cause);
            _phase = null;
        });
    }

    public static Props Props { get; } = Props.Create<PhaseCollector>();

    /// <summary>A phase under way: how many results it waits for, and the task the world awaits.</summary>
    internal sealed class Phase(int expected)
    {
        public int Expected { get; } = expected;

        public List<EntityBatchResult> Results { get; } = new(expected);

        public TaskCompletionSource<IReadOnlyList<EntityBatchResult>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
