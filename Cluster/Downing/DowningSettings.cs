namespace WasGo.Cluster;

/// <summary>
/// How the cluster decides that a node is gone, and what survives a partition: Akka's Split Brain
/// Resolver keeping the majority side, tuned as measured here (PLATFORM-FACTS): a heartbeat may be
/// 2 s late before a node is unreachable, the resolver waits 4 s for the membership to settle, and
/// sharding waits 2 s more before it starts a downed node's worlds elsewhere (so that the downed
/// node has stopped them first). A `kill -9`ed node's worlds answer from a survivor in about 14 s;
/// Akka's defaults take about 50 s. A 1 s pause (9 s) was unsafe under load: heartbeats arrived late.
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
            down-all-when-unstable = on
          }
          down-removal-margin = 1s
          failure-detector.heartbeat-interval = 500ms
          failure-detector.acceptable-heartbeat-pause = 1500ms
          run-coordinated-shutdown-when-down = on
          sharding.retry-interval = 200ms
        }
        """;
}
