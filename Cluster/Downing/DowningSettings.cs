namespace WasGo.Cluster;

/// <summary>
/// How the cluster decides that a node is gone, and what survives a partition: Akka's Split Brain
/// Resolver keeping the majority side, tuned as measured here (PLATFORM-FACTS): a heartbeat may be
/// 2 s late before a node is unreachable, and the resolver waits 4 s for the membership to settle
/// before it downs the unreachable side. A node whose death PostgreSQL confirms is downed at once,
/// without that wait (<see cref="PostgreSqlLiveness"/>); sharding then waits 1 s before it starts
/// the downed node's worlds elsewhere (a world that still ran there could persist nothing: the
/// journal fences it). A `kill -9`ed node's worlds answer from a survivor in about 9 s (Akka's
/// defaults: 50 s; the resolver alone: 13 s). Heartbeats every 0.5 s with a 1.5 s pause brought it to
/// 7 s, but under the full test suite's load a majority side once downed itself with them: too
/// aggressive for this machine.
/// </summary>
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
          down-removal-margin = 1s
          failure-detector.acceptable-heartbeat-pause = 2s
          run-coordinated-shutdown-when-down = on
          sharding.retry-interval = 200ms
        }
        """;
}
