using Microsoft.Data.Sqlite;
using Npgsql;

namespace WasGo.Persistence;

/// <summary>Tells a journal write refused because another writer took its sequence number from a journal that is away.</summary>
public static class JournalConflicts
{
    private const int SqliteConstraint = 19; // SQLITE_CONSTRAINT: the journal's primary key (persistence id, sequence number)

    /// <summary>Whether <paramref name="failure"/> (or an exception inside it) is a journal row's primary key taken by another writer.</summary>
    /// <param name="failure">What the journal plugin reported.</param>
    /// <returns>True for a sequence conflict, false for anything else (the database away, a timeout).</returns>
    public static bool IsSequenceConflict(Exception failure)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteErrorCode: SqliteConstraint }:
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }:
                    return true;
                case AggregateException many when many.InnerExceptions.Any(IsSequenceConflict):
                    return true;
            }
        }

        return false;
    }
}
