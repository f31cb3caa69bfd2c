namespace WasGo.Host.Cluster;

/// <summary>The registry key of the worlds' shard region (Akka.Hosting's <c>IRequiredActor&lt;WorldRegion&gt;</c>).</summary>
internal sealed class WorldRegion;
