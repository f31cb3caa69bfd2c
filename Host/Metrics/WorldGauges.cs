using WasGo.Host.Cluster;
using WasGo.Host.Worlds;

namespace WasGo.Host.Metrics;

/// <summary>
/// Gauges read when metrics are collected: worlds, feed subscribers, and the shards this node owns.
/// A hosted service only so that it is made (and its gauges exist) when the host starts.
/// </summary>
internal sealed class WorldGauges : IHostedService
{
    public WorldGauges(HostMetrics metrics, WorldDirectory worlds, WorldSharding shards)
    {
        metrics.Meter.CreateObservableGauge("wasgo.worlds", () => worlds.All.Count, "{world}", "Worlds this host serves (on a cluster node: every world of the cluster, wherever it runs).");
        metrics.Meter.CreateObservableGauge("wasgo.feed.subscribers", () => worlds.All.Sum(w => w.Feed.SubscriberCount), "{subscriber}", "Clients following a world's feed.");
        metrics.Meter.CreateObservableGauge(
            "wasgo.shards.owned",
            () => new System.Diagnostics.Metrics.Measurement<int>(shards.OwnedShards, new KeyValuePair<string, object?>("node", shards.NodeName)),
            "{shard}",
            "Shards this node owns.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
