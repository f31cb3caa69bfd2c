namespace WasGo.Persistence;

/// <summary>Opens the embedded SQLite persistence: one file, WAL, one writer with group commit, readers never blocked.</summary>
public static class SqlitePersistence
{
    /// <summary>Opens (creating if needed) the database and brings its schema up to date.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="clock">The clock for timestamps; the system clock by default.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The stores on that database.</returns>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public static async Task<IPersistenceProvider> OpenAsync(SqlitePersistenceOptions options, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        string? folder = Path.GetDirectoryName(Path.GetFullPath(options.DataSource));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        var database = new SqliteDatabase(options, clock ?? TimeProvider.System);
        await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        return database;
    }
}
