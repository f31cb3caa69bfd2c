using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WasGo.Host.Cluster;
using WasGo.Host.Metrics;
using WasGo.Persistence;

namespace WasGo.Host.Hosting;

/// <summary>
/// Opens the store when the host starts — the embedded SQLite file, or a cluster node's PostgreSQL —
/// bringing the schema up to date, and closes it last when the host stops, after the actors have written.
/// </summary>
internal sealed partial class StorageHostedService(
    IOptions<StorageOptions> options,
    IOptions<ClusterOptions> cluster,
    HostMetrics metrics,
    ILogger<StorageHostedService> logger) : IHostedService, IAsyncDisposable
{
    private IPersistenceProvider? _store;

    /// <summary>Gets the store, its operations timed.</summary>
    public IPersistenceProvider Store => _store ?? throw new InvalidOperationException("The store is opened when the host starts.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (cluster.Value.Enabled)
        {
            IPersistenceProvider shared = await PostgreSqlPersistence.OpenAsync(new PostgreSqlPersistenceOptions { ConnectionString = cluster.Value.PostgreSql! }, cancellationToken: cancellationToken).ConfigureAwait(false);
            _store = new MeteredPersistence(shared, metrics);
            LogOpenedPostgreSql(logger);
            return;
        }

        string path = options.Value.DatabasePath;
        IPersistenceProvider opened = await SqlitePersistence.OpenAsync(new SqlitePersistenceOptions { DataSource = path }, cancellationToken: cancellationToken).ConfigureAwait(false);
        _store = new MeteredPersistence(opened, metrics);
        LogOpened(logger, path);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_store is { } store)
        {
            _store = null;
            await store.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 8010, Level = LogLevel.Information, Message = "Storage: embedded SQLite at {Path}")]
    private static partial void LogOpened(ILogger logger, string path);

    [LoggerMessage(EventId = 8011, Level = LogLevel.Information, Message = "Storage: the cluster's PostgreSQL (WasGo:Cluster:PostgreSql)")]
    private static partial void LogOpenedPostgreSql(ILogger logger);
}
