using WasGo.Persistence.Tests.Contract;

namespace WasGo.Persistence.Tests.PostgreSql;

public sealed class PostgreSqlContractTests : PersistenceContractTests, IClassFixture<PostgreSqlDatabaseFixture>
{
    private readonly PostgreSqlDatabaseFixture _database;

    public PostgreSqlContractTests(PostgreSqlDatabaseFixture database) => _database = database;

    protected override Task<IPersistenceProvider> OpenAsync() =>
        PostgreSqlPersistence.OpenAsync(new PostgreSqlPersistenceOptions { ConnectionString = _database.ConnectionString });
}
