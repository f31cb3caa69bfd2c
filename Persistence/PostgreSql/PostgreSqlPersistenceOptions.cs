namespace WasGo.Persistence;

/// <summary>The settings of the PostgreSQL persistence that a cluster shares.</summary>
public sealed class PostgreSqlPersistenceOptions
{
    /// <summary>Gets or sets the Npgsql connection string. It holds a password: never log it.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Gets or sets the most writes one transaction takes. Default 1,000.</summary>
    public int MaxBatchSize { get; set; } = SqlitePersistenceOptions.DefaultMaxBatchSize;

    /// <summary>Gets or sets how many times a read or a connection attempt is retried after a transient error. Default 5.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Checks every setting.</summary>
    /// <returns>A message per setting out of range; empty when all are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            errors.Add("PostgreSqlPersistenceOptions.ConnectionString is empty; set an Npgsql connection string (Host=...;Database=...).");
        }

        if (MaxBatchSize is < 1 or > 100_000)
        {
            errors.Add($"PostgreSqlPersistenceOptions.MaxBatchSize is {MaxBatchSize}; it must be between 1 and 100000.");
        }

        if (MaxRetries is < 0 or > 100)
        {
            errors.Add($"PostgreSqlPersistenceOptions.MaxRetries is {MaxRetries}; it must be between 0 and 100.");
        }

        return errors;
    }
}
