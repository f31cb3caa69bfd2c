using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Sql;
using Akka.Persistence.Hosting;
using Akka.Persistence.Sql.Hosting;

namespace WasGo.Persistence;

/// <summary>
/// Akka.Persistence.Sql as WasGo uses it: the default journal and snapshot store hold the worlds'
/// inputs and snapshots, and a second journal with tables of its own holds what cluster sharding
/// remembers (which worlds run), so that neither reads the other's rows. Both create their tables
/// at start (<c>auto-initialize</c>).
/// </summary>
public static class SqlPersistenceSetup
{
    /// <summary>The plugin id of sharding's journal.</summary>
    public const string ShardingJournalId = "akka.persistence.journal." + ShardingIdentifier;

    private const string ShardingIdentifier = "sharding";

    /// <summary>
    /// The worlds' journal, snapshot store and read journal on <paramref name="database"/> as HOCON,
    /// with Akka.Persistence.Sql's defaults behind them, for an actor system built without
    /// Akka.Hosting (a test kit's, a tool's); a host uses <see cref="WithWasGoPersistence"/>.
    /// </summary>
    /// <param name="database">Where they keep their rows.</param>
    /// <returns>The configuration.</returns>
    public static Config DefaultPlugins(JournalDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        string connection = $"connection-string = \"{database.ConnectionString}\", provider-name = \"{database.ProviderName}\"";
        return ConfigurationFactory.ParseString(
            $$"""
            akka.persistence.journal.plugin = "akka.persistence.journal.sql"
            akka.persistence.journal.sql { {{connection}} }
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.sql"
            akka.persistence.snapshot-store.sql { {{connection}} }
            akka.persistence.query.journal.sql { {{connection}} }
            """).WithFallback(SqlPersistence.DefaultConfiguration);
    }

    /// <summary>Adds the worlds' journal and snapshot store, and sharding's journal, on <paramref name="database"/>.</summary>
    /// <param name="builder">The actor system's builder.</param>
    /// <param name="database">Where they keep their rows.</param>
    /// <returns>The same builder.</returns>
    public static AkkaConfigurationBuilder WithWasGoPersistence(this AkkaConfigurationBuilder builder, JournalDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return builder
            .WithSqlPersistence(database.ConnectionString, database.ProviderName, PersistenceMode.Both, autoInitialize: true)
            .WithSqlPersistence(
                journalOptionConfigurator: journal =>
                {
                    journal.Identifier = ShardingIdentifier;
                    journal.ConnectionString = database.ConnectionString;
                    journal.ProviderName = database.ProviderName;
                    journal.AutoInitialize = true;
                    journal.DatabaseOptions = database.IsSqlite ? JournalDatabaseOptions.Sqlite : JournalDatabaseOptions.PostgreSql;
                    journal.DatabaseOptions.JournalTable = database.IsSqlite ? JournalTableOptions.Sqlite : JournalTableOptions.PostgreSql;
                    journal.DatabaseOptions.JournalTable.TableName = "sharding_journal";
                    journal.DatabaseOptions.MetadataTable = new MetadataTableOptions { TableName = "sharding_metadata" };
                    journal.DatabaseOptions.TagTable = new TagTableOptions { TableName = "sharding_tags" };
                },
                isDefaultPlugin: false)
            .AddStartup(static (system, _) =>
            {
                foreach (string journal in new[] { string.Empty, ShardingJournalId })
                {
                    system.ActorOf(Props.Create(() => new JournalWarmUp(journal)));
                }
            });
    }
}
