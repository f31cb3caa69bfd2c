using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.Cluster;

namespace WasGo.Host.Metrics;

/// <summary>
/// Akka's own numbers as gauges, read when metrics are collected: the cluster's members by status as
/// this node sees them, the members it cannot reach, and the world actors' mailboxes here. (Dead
/// letters are counted as they come, by <see cref="HostMetrics.DeadLetter"/>; shards by <see cref="WorldGauges"/>.)
/// A hosted service only so that it is made (and its gauges exist) when the host starts.
/// </summary>
internal sealed class ActorSystemGauges : IHostedService
{
    private static readonly MemberStatus[] s_statuses = Enum.GetValues<MemberStatus>();

    public ActorSystemGauges(HostMetrics metrics, ActorSystem system, WorldMailboxes mailboxes)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        metrics.Meter.CreateObservableGauge("wasgo.cluster.members", () => Members(cluster.State), "{member}", "Cluster members by status, as this node sees them (a single node is a cluster of one).");
        metrics.Meter.CreateObservableGauge("wasgo.cluster.unreachable", () => cluster.State.Unreachable.Count, "{member}", "Members this node's failure detector cannot reach.");
        metrics.Meter.CreateObservableGauge("wasgo.world.actors", () => mailboxes.Count, "{world}", "Worlds whose actor runs on this node.");
        metrics.Meter.CreateObservableGauge("wasgo.world.mailbox.messages", () => mailboxes.Measure().Waiting, "{message}", "Messages waiting in the mailboxes of the world actors on this node.");
        metrics.Meter.CreateObservableGauge("wasgo.world.mailbox.fullest", () => mailboxes.Measure().Fullest, "{message}", "Messages waiting in the fullest mailbox of a world actor on this node.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A measurement for every status, 0 where no member has it, so that each series stays.</summary>
    private static IEnumerable<Measurement<int>> Members(ClusterEvent.CurrentClusterState state) =>
        s_statuses.Select(status => new Measurement<int>(state.Members.Count(m => m.Status == status), new KeyValuePair<string, object?>("status", status.ToString())));
}
