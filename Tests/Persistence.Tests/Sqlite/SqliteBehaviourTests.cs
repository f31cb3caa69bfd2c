using FluentAssertions;
using Microsoft.Data.Sqlite;

namespace WasGo.Persistence.Tests.Sqlite;

public sealed class SqliteBehaviourTests : IDisposable
{
    // Migration 0003 renamed these, so that Akka.Persistence.Sql's tables of the same names can be made.
    private static readonly string[] s_ownJournalTables = ["journal", "journal_metadata", "snapshots", "durable_state"];

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Open_Should_CreateTheDatabaseFile_InAFolderThatDoesNotExistYet()
    {
        string path = Path.Combine(_folder.Path, "nested", "deeper", "wasgo.db");

        await using (IPersistenceProvider store = await OpenAsync(path))
        {
            (await store.Worlds.TryAddAsync(World("a", [1]))).Should().BeTrue();
        }

        File.Exists(path).Should().BeTrue();
    }

    [Fact]
    public async Task Readers_Should_NotBeBlocked_WhileAnotherConnectionHoldsTheWriteLock()
    {
        string path = Path.Combine(_folder.Path, "wal.db");
        await using IPersistenceProvider store = await OpenAsync(path);
        await store.Worlds.TryAddAsync(World("a", [42]));

        await using var locker = new SqliteConnection($"Data Source={path}");
        await locker.OpenAsync();
        using SqliteTransaction holding = locker.BeginTransaction(deferred: false);
        using (SqliteCommand write = locker.CreateCommand())
        {
            write.Transaction = holding;
            write.CommandText = "UPDATE wasgo_worlds SET token_hash = x'00' WHERE id = 'a'";
            await write.ExecuteNonQueryAsync();
        }

        // WAL: the reader sees the last committed state at once, while the write lock is held.
        StoredWorld? world = await store.Worlds.FindAsync("a").WaitAsync(TimeSpan.FromSeconds(2));
        world!.TokenHash.Should().Equal(42);
    }

    [Fact]
    public async Task Open_Should_ApplyTheSchemaOnce_AndRecordItsVersions()
    {
        string path = Path.Combine(_folder.Path, "schema.db");
        await (await OpenAsync(path)).DisposeAsync();
        await (await OpenAsync(path)).DisposeAsync();

        await ShouldHaveTheLatestSchemaAsync(path);
        (await ScalarAsync(path, "PRAGMA journal_mode")).Should().Be("wal");
    }

    [Fact]
    public async Task Open_Should_ApplyOnlyTheNewerMigrations_ToADatabaseAnOlderVersionMade_KeepingItsRows()
    {
        string path = Path.Combine(_folder.Path, "older.db");
        ModuleTag module;
        await using (IPersistenceProvider store = await OpenAsync(path))
        {
            module = await store.Modules.PutAsync("kept", "1.0", new byte[] { 7 });
        }

        // Back to version 1, as a host from before the world list left its database, with an event in our old journal.
        await ScalarAsync(
            path,
            "DROP TABLE wasgo_worlds; "
            + string.Concat(s_ownJournalTables.Select(table => $"ALTER TABLE retired_{table} RENAME TO {table}; "))
            + "DELETE FROM schema_version WHERE version > 1; "
            + "INSERT INTO journal (persistence_id, sequence_nr, payload, manifest, written_at) VALUES ('old', 1, x'07', 'e', 0)");

        await using IPersistenceProvider upgraded = await OpenAsync(path);

        await ShouldHaveTheLatestSchemaAsync(path);
        (await upgraded.Modules.ResolveAsync("kept"))!.Hash.Should().Be(module.Hash);
        (await upgraded.Modules.GetAsync(module.Hash)).Should().Equal(7);
        (await ScalarAsync(path, "SELECT count(*) FROM retired_journal WHERE persistence_id = 'old'")).Should().Be(1L, "the old journal's rows are kept under its new name");
        (await upgraded.Worlds.TryAddAsync(World("w", [1]))).Should().BeTrue();
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
        IPersistenceProvider store = await OpenAsync(Path.Combine(_folder.Path, "closed.db"));
        await store.DisposeAsync();

        await FluentActions.Awaiting(() => store.Worlds.TryAddAsync(World("a", [1]))).Should().ThrowAsync<ObjectDisposedException>().WithMessage("*closed*");
    }

    private static Task<IPersistenceProvider> OpenAsync(string path) => SqlitePersistence.OpenAsync(new SqlitePersistenceOptions { DataSource = path });

    private static StoredWorld World(string id, byte[] tokenHash) => new(id, 20, tokenHash, DateTimeOffset.UnixEpoch);

    /// <summary>Every migration recorded once, in order, and our old journal's tables under their retired names only.</summary>
    private static async Task ShouldHaveTheLatestSchemaAsync(string path)
    {
        (await ScalarAsync(path, "SELECT group_concat(version) FROM (SELECT version FROM schema_version ORDER BY version)")).Should().Be("1,2,3");
        string tables = (string)(await ScalarAsync(path, "SELECT ',' || group_concat(name, ',') || ',' FROM sqlite_master WHERE type = 'table'"))!;
        foreach (string table in s_ownJournalTables)
        {
            tables.Should().Contain($",retired_{table},").And.NotContain($",{table},");
        }
    }

    /// <summary>Runs SQL on a connection of its own, beside the store's, and returns the first column of the first row.</summary>
    private static async Task<object?> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
