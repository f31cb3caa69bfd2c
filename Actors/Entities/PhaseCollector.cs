using Akka.Actor;
using WasGo.Scripting;

namespace WasGo.Actors.Entities;

/// <summary>
/// Gathers the results of one phase's batches for the world actor, which awaits the phase while
/// its own mailbox is suspended. The phase completes when every batch has answered, even if one
/// failed: until then an entity actor may still be running in its entity's store, which the world
/// frees when the phase fails. A result of another phase than the current one (a late answer after
/// a failure) is ignored.
/// </summary>
internal sealed class PhaseCollector : ReceiveActor
{
    private Phase? _phase;

    public PhaseCollector()
    {
        Receive<Phase>(phase => _phase = phase);
        Receive<BatchDone>(done =>
        {
            if (!ReferenceEquals(done.Phase, _phase))
            {
                return;
            }

            if (done.Result is { } result)
            {
                _phase.Results.Add(result);
            }
            else
            {
                _phase.Failure ??= done.Failure;
            }

            if (++_phase.Arrived == _phase.Expected)
            {
                Phase ended = _phase;
                _phase = null;
                if (ended.Failure is { } failure)
                {
                    ended.Done.TrySetException(failure);
                }
                else
                {
                    ended.Done.TrySetResult(ended.Results);
                }
            }
        });
    }

    public static Props Props { get; } = Props.Create<PhaseCollector>();

    /// <summary>A phase under way: how many answers it waits for, what arrived, and the task the world awaits.</summary>
    internal sealed class Phase(int expected)
    {
        public int Expected { get; } = expected;

        public int Arrived { get; set; }

        public List<EntityBatchResult> Results { get; } = new(expected);

        public Exception? Failure { get; set; }

        public TaskCompletionSource<IReadOnlyList<EntityBatchResult>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>An entity actor's answer for its batch of <paramref name="Phase"/>: the result, or why it failed.</summary>
    internal sealed record BatchDone(Phase Phase, EntityBatchResult? Result, Exception? Failure);
}
