using WasGo.Host.Auth;
using WasGo.Host.Cluster;

namespace WasGo.Host.Http.Cluster;

/// <summary><c>/api/cluster/shards</c>: which node owns which shards (admin).</summary>
internal static class ClusterEndpoints
{
    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/cluster/shards", (ShardMap map, CancellationToken cancellationToken) => map.GetAsync(cancellationToken))
            .WithTags("Cluster")
            .WithSummary("The shard map: each node with the shards, worlds and entities it owns.")
            .RequireAdmin();
        return routes;
    }
}
