using System.Data.Common;
using System.Runtime.CompilerServices;

namespace WasGo.Persistence;

/// <summary>The journal of a <see cref="SqlDatabase"/>.</summary>
internal sealed class SqlJournal(SqlDatabase database) : IJournal
{
    public Task AppendAsync(string persistenceId, IReadOnlyList<JournalEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(events);
        JournalSequenceException.ThrowIfNotContiguous(persistenceId, events);
        return database.WriteAsync(new AppendEventsOperation(persistenceId, events), cancellationToken);
    }

    public async IAsyncEnumerable<JournalEvent> ReplayAsync(
        string persistenceId, long fromSequenceNr = 1, long toSequenceNr = long.MaxValue, long max = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        DbConnection connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using DbCommand command = connection.CreateCommand();
            command.CommandText = "SELECT sequence_nr, payload, manifest FROM journal WHERE persistence_id = @id AND sequence_nr >= @from AND sequence_nr <= @to ORDER BY sequence_nr LIMIT @max";
            command.With("@id", persistenceId).With("@from", fromSequenceNr).With("@to", toSequenceNr).With("@max", max);
            using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return new JournalEvent(reader.GetInt64(0), (byte[])reader.GetValue(1), reader.GetString(2));
            }
        }
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        return database.ReadAsync(
            async (connection, ct) =>
            {
                using DbCommand command = connection.CreateCommand();
                command.CommandText = "SELECT highest_sequence_nr FROM journal_metadata WHERE persistence_id = @id";
                command.With("@id", persistenceId);
                object? highest = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
                return highest is null or DBNull ? 0 : Convert.ToInt64(highest, System.Globalization.CultureInfo.InvariantCulture);
            },
            cancellationToken);
    }

    public Task DeleteUpToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        return database.WriteAsync(new DeleteEventsOperation(persistenceId, toSequenceNr), cancellationToken);
    }
}
