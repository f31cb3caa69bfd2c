using WasGo.Persistence.Tests.Contract;

namespace WasGo.Persistence.Tests.Sqlite;

public sealed class SqliteContractTests : PersistenceContractTests, IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    protected override Task<IPersistenceProvider> OpenAsync() =>
        SqlitePersistence.OpenAsync(new SqlitePersistenceOptions { DataSource = Path.Combine(_folder.Path, "contract.db") });
}
