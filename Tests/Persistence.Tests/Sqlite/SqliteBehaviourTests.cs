using FluentAssertions;
using Microsoft.Data.Sqlite;

namespace WasGo.Persistence.Tests.Sqlite;

public sealed class SqliteBehaviourTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Open_Should_CreateTheDatabaseFile_InAFolderThatDoesNotExistYet()
    {
        string path = Path.Combine(_folder.Path, "nested", "deeper", "wasgo.db");

        await using (IPersistenceProvider store = await SqlitePersistence.OpenAsync(new SqlitePersistenceOptions { DataSource = path }))
        {
            await store.DurableState.UpsertAsync("a", 1, new byte[] { 1 });
        }

        File.Exists(path).Should().BeTrue();
    }

    [Fact]
    public async Task Readers_Should_NotBeBlocked_WhileAnotherConnectionHoldsTheWriteLock()
    {
        string path = Path.Combine(_folder.Path, "wal.db");
        await using IPersistenceProvider store = await SqlitePersistence.OpenAsync(new SqlitePersistenceOptions { DataSource = path });
        await store.DurableState.UpsertAsync("a", 1, new byte[] { 42 });

        await using var locker = new SqliteConnection($"Data Source={path}");
        await locker.OpenAsync();
        using SqliteTransaction holding = locker.BeginTransaction(deferred: false);
        using (SqliteCommand write = locker.CreateCommand())
        {
            write.Transaction = holding;
            write.CommandText = "UPDATE durable_state SET payload = x'00' WHERE persistence_id = 'a'";
            await write.ExecuteNonQueryAsync();
        }

        // WAL: the reader sees the last committed state at once, while the write lock is held.
        DurableStateRecord? record = await store.DurableState.GetAsync("a").WaitAsync(TimeSpan.FromSeconds(2));
        record!.Payload.ToArray().Should().Equal(42);
    }

    [Fact]
    public async Task Open_Should_ApplyTheSchemaOnce_AndRecordItsVersion()
    {
        string path = Path.Combine(_folder.Path, "schema.db");
        await (await SqlitePersistence.OpenAsync(new SqlitePersistenceOptions { DataSource = path })).DisposeAsync();
        await (await SqlitePersistence.OpenAsync(new SqlitePersistenceOptions { DataSource = path })).DisposeAsync();

        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        using SqliteCommand versions = connection.CreateCommand();
        versions.CommandText = "SELECT group_concat(version) FROM schema_version";
        (await versions.ExecuteScalarAsync()).Should().Be("1,2");
        using SqliteCommand mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        (await mode.ExecuteScalarAsync()).Should().Be("wal");
    }

    [Fact]
    public async Task Open_Should_ApplyOnlyTheNewerMigrations_ToADatabaseAnOlderVersionMade()
    {
        string path = Path.Combine(_folder.Path, "older.db");
        await using (IPersistenceProvider store = await SqlitePersistence.OpenAsync(new SqlitePersistenceOptions { DataSource = path }))
        {
            await store.DurableState.UpsertAsync("kept", 1, new byte[] { 7 });
        }

        // Back to version 1, as a host from before the world list left its database.
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            using SqliteCommand downgrade = connection.CreateCommand();
            downgrade.CommandText = "DROP TABLE wasgo_worlds; DELETE FROM schema_version WHERE version = 2";
            await downgrade.ExecuteNonQueryAsync();
        }

        await using IPersistenceProvider upgraded = await SqlitePersistence.OpenAsync(new SqlitePersistenceOptions { DataSource = path });

        (await upgraded.DurableState.GetAsync("kept"))!.Payload.ToArray().Should().Equal(7);
        (await upgraded.Worlds.TryAddAsync(new StoredWorld("w", 20, [1], DateTimeOffset.UnixEpoch))).Should().BeTrue();
        (await upgraded.Worlds.ListAsync()).Select(w => w.Id).Should().Equal("w");
    }

    [Fact]
    public async Task Open_Should_RefuseBadSettings_NamingThem()
    {
        Func<Task> open = () => SqlitePersistence.OpenAsync(new SqlitePersistenceOptions { DataSource = "", MaxBatchSize = 0 });
        (await open.Should().ThrowAsync<ArgumentException>()).Which.Message
            .Should().Contain("SqlitePersistenceOptions.DataSource").And.Contain("SqlitePersistenceOptions.MaxBatchSize is 0");
    }

    [Fact]
    public async Task Writes_Should_BeRefusedWithAClearError_AfterTheStoreIsClosed()
    {
        IPersistenceProvider store = await SqlitePersistence.OpenAsync(new SqlitePersistenceOptions { DataSource = Path.Combine(_folder.Path, "closed.db") });
        await store.DisposeAsync();

        await FluentActions.Awaiting(() => store.DurableState.UpsertAsync("a", 1, new byte[] { 1 })).Should().ThrowAsync<ObjectDisposedException>();
    }
}
