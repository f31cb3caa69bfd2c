using WasGo.Scripting;

namespace WasGo.Benchmarks.Scripting;

/// <summary>
/// Runs a phase's batches with <see cref="Parallel.For(int, int, Action{int})"/> on every core, with
/// no actors: what spreading a world's entities over the machine's cores costs by itself, beside
/// what entity actors add to it.
/// </summary>
public sealed class ParallelForRunner : IEntityBatchRunner
{
    public Task<IReadOnlyList<EntityBatchResult>> RunAsync(IReadOnlyList<EntityBatch> batches)
    {
        var results = new EntityBatchResult[batches.Count];
        Parallel.For(0, batches.Count, i => results[i] = batches[i].Run());
        return Task.FromResult<IReadOnlyList<EntityBatchResult>>(results);
    }
}
