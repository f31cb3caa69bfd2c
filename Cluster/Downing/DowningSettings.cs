namespace WasGo.Cluster;

/// <summary>
/// How the cluster decides that a node is gone, and what survives a partition. A node whose death
/// PostgreSQL shows is downed within about 0.6 s (<see cref="PostgreSqlLiveness"/>); the rest is
/// Akka's Split Brain Resolver keeping the majority side, tuned as measured here (PLATFORM-FACTS): a
/// heartbeat may be 2 s late before a node is unreachable, and the resolver waits 4 s for the
/// membership to settle before it downs the unreachable side. A `kill -9`ed node's worlds answer from
/// a survivor in about 2 s (Akka's defaults: 50 s; the resolver alone: 13 s). Heartbeats every 0.5 s
/// with a 1.5 s pause were tried and are not used: under the full test suite's load a majority side
/// once downed itself with them.
/// </summary>
/// <remarks>
/// The down-removal margin (how long sharding and singletons wait after a node's removal before they
/// start its shards and singletons elsewhere) is 0.2 s, not the resolver's stable-after: a node downed
/// on PostgreSQL's word is dead, and a world that still ran on a node downed by the resolver could
/// persist nothing the new one has not seen, since the journal's sequence numbers fence it.
/// </remarks>
public static class DowningSettings
{
    /// <summary>Gets the settings as HOCON, ahead of Akka's defaults.</summary>
    public static string Hocon { get; } =
        """
        akka.cluster {
          downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
          split-brain-resolver {
            active-strategy = keep-majority
            stable-after = 4s
            # Akka's default (3/4 of stable-after, 3 s) downs every node when reachability keeps changing
            # that long; under load here healthy nodes' heartbeats flap for longer while a third is frozen.
            down-all-when-unstable = 15s
          }
          # Gossip and the leader's actions five times a second, not once: a downed node is removed, and its
          # worlds start elsewhere, within a few hundred milliseconds of the decision.
          gossip-interval = 200ms
          leader-actions-interval = 200ms
          down-removal-margin = 200ms
          failure-detector.acceptable-heartbeat-pause = 2s
          run-coordinated-shutdown-when-down = on
          sharding.retry-interval = 200ms
        }
        """;
}
