using Microsoft.Data.Sqlite;

namespace WasGo.Persistence;

/// <summary>
/// The database Akka.Persistence.Sql keeps the worlds' journals and snapshots in: the host's own
/// database, beside the modules and the world list — the dev host's SQLite file, or a cluster's
/// PostgreSQL.
/// </summary>
/// <param name="ConnectionString">The connection string (never logged).</param>
/// <param name="ProviderName">linq2db's provider name.</param>
public sealed record JournalDatabase(string ConnectionString, string ProviderName)
{
    /// <summary>The embedded SQLite file of a single-node host.</summary>
    /// <param name="path">The database file.</param>
    /// <returns>The database.</returns>
    public static JournalDatabase Sqlite(string path) => new(
        new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            // Microsoft.Data.Sqlite retries a busy database for this long: the host's own writer shares the file.
            DefaultTimeout = 30,
        }.ToString(),
        LinqToDB.ProviderName.SQLiteMS);

    /// <summary>A cluster's PostgreSQL.</summary>
    /// <param name="connectionString">Npgsql's connection string.</param>
    /// <returns>The database.</returns>
    public static JournalDatabase PostgreSql(string connectionString) => new(connectionString, LinqToDB.ProviderName.PostgreSQL15);

    /// <summary>Gets whether it is SQLite (else PostgreSQL).</summary>
    public bool IsSqlite => ProviderName == LinqToDB.ProviderName.SQLiteMS;

    /// <inheritdoc />
    public override string ToString() => $"JournalDatabase {{ ProviderName = {ProviderName}, ConnectionString = [redacted] }}";
}
