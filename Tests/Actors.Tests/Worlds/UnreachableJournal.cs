using System.Runtime.CompilerServices;
using WasGo.Persistence;

namespace WasGo.Actors.Tests.Worlds;

/// <summary>A store whose journal can be made unreachable, as a database that went away: every append and replay throws until it is back.</summary>
internal sealed class UnreachableJournal(IPersistenceProvider inner) : IPersistenceProvider, IJournal
{
    private volatile bool _away;

    public IDurableStateStore DurableState => inner.DurableState;

    public IJournal Journal => this;

    public ISnapshotStore Snapshots => inner.Snapshots;

    public IModuleStore Modules => inner.Modules;

    public IWorldList Worlds => inner.Worlds;

    public void GoAway() => _away = true;

    public void ComeBack() => _away = false;

    public Task AppendAsync(string persistenceId, IReadOnlyList<JournalEvent> events, CancellationToken cancellationToken = default) =>
        _away ? Task.FromException(Unreachable()) : inner.Journal.AppendAsync(persistenceId, events, cancellationToken);

    public async IAsyncEnumerable<JournalEvent> ReplayAsync(string persistenceId, long fromSequenceNr = 1, long toSequenceNr = long.MaxValue, long max = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_away)
        {
            throw Unreachable();
        }

        await foreach (JournalEvent e in inner.Journal.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken))
        {
            yield return e;
        }
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        inner.Journal.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

    public Task DeleteUpToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        inner.Journal.DeleteUpToAsync(persistenceId, toSequenceNr, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask; // the inner store belongs to the test kit

    private static IOException Unreachable() => new("The database is unreachable (test).");
}
