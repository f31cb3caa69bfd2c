namespace WasGo.Persistence;

/// <summary>The settings of the embedded SQLite persistence.</summary>
public sealed class SqlitePersistenceOptions
{
    /// <summary>The default most writes per group commit.</summary>
    public const int DefaultMaxBatchSize = 1000;

    /// <summary>Gets or sets the database file; its folder is created if missing.</summary>
    public string DataSource { get; set; } = string.Empty;

    /// <summary>Gets or sets how durable a commit is. Default <see cref="SqliteSynchronous.Normal"/>.</summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Normal;

    /// <summary>Gets or sets the most writes one transaction takes. Default 1,000.</summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;

    /// <summary>Gets or sets how long a connection waits for another process's lock. Default 5 seconds.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Checks every setting.</summary>
    /// <returns>A message per setting out of range; empty when all are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(DataSource))
        {
            errors.Add("SqlitePersistenceOptions.DataSource is empty; set the path of the database file.");
        }

        if (MaxBatchSize is < 1 or > 100_000)
        {
            errors.Add($"SqlitePersistenceOptions.MaxBatchSize is {MaxBatchSize}; it must be between 1 and 100000.");
        }

        if (BusyTimeout < TimeSpan.Zero)
        {
            errors.Add($"SqlitePersistenceOptions.BusyTimeout is {BusyTimeout}; it must not be negative.");
        }

        return errors;
    }
}
