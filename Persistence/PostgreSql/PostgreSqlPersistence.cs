namespace WasGo.Persistence;

/// <summary>Opens the PostgreSQL persistence: pooled connections, group commit, transient errors retried.</summary>
public static class PostgreSqlPersistence
{
    /// <summary>Connects and brings the schema up to date (safe from several nodes at once).</summary>
    /// <param name="options">The settings.</param>
    /// <param name="clock">The clock for timestamps; the system clock by default.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The stores on that database.</returns>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public static async Task<IPersistenceProvider> OpenAsync(PostgreSqlPersistenceOptions options, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        var database = new PostgreSqlDatabase(options, clock ?? TimeProvider.System);
        try
        {
            await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return database;
    }
}
