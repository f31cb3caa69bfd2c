using BenchmarkDotNet.Attributes;
using WasGo.Persistence;

namespace WasGo.Benchmarks.Persistence;

/// <summary>
/// What the durable-state benchmarks of each provider share: many concurrent callers writing
/// <see cref="Rows"/> rows through our store (group commit, revision check per row). Each provider's
/// class opens the store and adds its raw-driver baseline. One operation is one row.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public abstract class DurableStateWriteBenchmarks
{
    protected const int Rows = 20_000;
    protected const int RawBatch = 1_000;

    private long _revision;

    protected static byte[] Payload { get; } = new byte[200];

    protected IPersistenceProvider Store { get; set; } = null!;

    [Benchmark(OperationsPerInvoke = Rows)]
    public Task StoreGroupCommit()
    {
        long revision = ++_revision;
        var writes = new Task[Rows];
        for (int i = 0; i < Rows; i++)
        {
            writes[i] = Store.DurableState.UpsertAsync("entity-" + i, revision, Payload);
        }

        return Task.WhenAll(writes);
    }
}
