using System.Threading.Channels;

namespace WasGo.Persistence;

/// <summary>
/// The one writer of a database: a loop over a channel that takes every write waiting (up to a
/// batch size), commits them in one transaction, and only then tells their callers. Many
/// concurrent writers share one commit, which is what makes durable writes cheap.
/// </summary>
/// <remarks>Thread-safe for callers of <see cref="Enqueue"/>; the batch runs on the loop alone.</remarks>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<WriteOperation> _queue = Channel.CreateUnbounded<WriteOperation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<WriteOperation>, CancellationToken, Task> _commitBatch;
    private readonly int _maxBatchSize;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    /// <param name="commitBatch">
    /// Runs one batch in one transaction: marks operations refused on their own with
    /// <see cref="WriteOperation.Refuse"/>, and throws if the transaction as a whole failed.
    /// </param>
    /// <param name="maxBatchSize">The most operations one transaction takes.</param>
    public GroupCommitWriter(Func<IReadOnlyList<WriteOperation>, CancellationToken, Task> commitBatch, int maxBatchSize)
    {
        _commitBatch = commitBatch;
        _maxBatchSize = maxBatchSize;
        _loop = Task.Run(RunAsync);
    }

    public Task Enqueue(WriteOperation operation, CancellationToken cancellationToken)
    {
        if (!_queue.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter), "The store is closed; no more writes are taken.");
        }

        return cancellationToken.CanBeCanceled ? operation.Completion.WaitAsync(cancellationToken) : operation.Completion;
    }

    public async ValueTask DisposeAsync()
    {
        // Writes already queued are still committed; new ones are refused.
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteOperation>(_maxBatchSize);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out WriteOperation? operation))
            {
                batch.Add(operation);
            }

            Exception? batchFailure = null;
            try
            {
                await _commitBatch(batch, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                batchFailure = exception;
            }

            foreach (WriteOperation operation in batch)
            {
                operation.Finish(batchFailure);
            }

            batch.Clear();
        }
    }
}
