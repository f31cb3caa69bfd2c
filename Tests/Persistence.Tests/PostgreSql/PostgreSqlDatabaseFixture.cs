namespace WasGo.Persistence.Tests.PostgreSql;

/// <summary>A fresh database on the test server for one test class, dropped afterwards.</summary>
public sealed class PostgreSqlDatabaseFixture : IAsyncLifetime
{
    private string? _connectionString;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync() => _connectionString = await TestPostgres.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_connectionString is not null)
        {
            await TestPostgres.DropDatabaseAsync(_connectionString);
        }
    }
}
