namespace WasGo.Scripting.Tests.Worlds;

/// <summary>
/// Runs a phase's batches on thread-pool threads all at once, started in a seeded random order and
/// handed back in another: the worst an entity-actor runner may do to a world's determinism.
/// </summary>
internal sealed class ShuffledParallelRunner(int seed) : IEntityBatchRunner
{
    private readonly Random _random = new(seed);
    private readonly HashSet<int> _threads = [];

    /// <summary>Gets how many threads ran batches.</summary>
    public int Threads => _threads.Count;

    public async Task<IReadOnlyList<EntityBatchResult>> RunAsync(IReadOnlyList<EntityBatch> batches)
    {
        EntityBatch[] started = [.. batches];
        _random.Shuffle(started);
        EntityBatchResult[] results = await Task.WhenAll(started.Select(batch => Task.Run(() =>
        {
            lock (_threads)
            {
                _threads.Add(Environment.CurrentManagedThreadId);
            }

            return batch.Run();
        })));
        _random.Shuffle(results);
        return results;
    }
}
