namespace WasGo.Scripting;

/// <summary>Runs a phase's batches one after another on the caller's thread: a world with no actors (a replay, a client, a test harness).</summary>
public sealed class SequentialBatchRunner : IEntityBatchRunner
{
    /// <summary>Gets the one instance.</summary>
    public static SequentialBatchRunner Instance { get; } = new();

    private SequentialBatchRunner()
    {
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<EntityBatchResult>> RunAsync(IReadOnlyList<EntityBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var results = new EntityBatchResult[batches.Count];
        for (int i = 0; i < results.Length; i++)
        {
            results[i] = batches[i].Run();
        }

        return Task.FromResult<IReadOnlyList<EntityBatchResult>>(results);
    }
}
