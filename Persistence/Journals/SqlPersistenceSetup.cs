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

    /// <summary>The longest a node's start waits for its journals to warm up.</summary>
    private static readonly TimeSpan s_warmUpTimeout = TimeSpan.FromSeconds(30);

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

    /// <summary>
    /// Adds the worlds' journal and snapshot store, and sharding's journal, on <paramref name="database"/>;
    /// the actor system's start then waits (at most 30 s) until both journals are warm.
    /// </summary>
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
            .AddStartup(static (system, _) => WarmUpAsync(system));
    }

    /// <summary>
    /// Warms both journals and waits for them (about a second on a fresh process), so that the
    /// startups after this one, and the host's services after the actor system, find them warm: a
    /// cluster of one joins itself after this, so sharding's coordinator recovers what it remembers
    /// at once instead of holding the first world's messages for that second. A journal slower than
    /// <see cref="s_warmUpTimeout"/> (its database away) is waited for no longer; its own recovery
    /// reports why.
    /// </summary>
    private static async Task WarmUpAsync(ActorSystem system)
    {
        IActorRef[] warmUps = [.. new[] { string.Empty, ShardingJournalId }.Select(journal => system.ActorOf(Props.Create(() => new JournalWarmUp(journal))))];
        using var timeout = new CancellationTokenSource(s_warmUpTimeout);
        try
        {
            // Each stops when its recovery completed or failed; watching one that stopped already answers at once.
            await Task.WhenAll(warmUps.Select(warmUp => warmUp.WatchAsync(timeout.Token))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // Start anyway: the actors that need the journal wait for it themselves.
        }
    }
}
