using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;

namespace WasGo.Cluster;

/// <summary>Joins the actor system to an Akka.NET cluster the way every WasGo node does, a dev host's cluster of one included.</summary>
public static class ClusterSetup
{
    /// <summary>
    /// Adds Akka.Remote, Akka.Cluster with the tuned downing (<see cref="DowningSettings"/>, and a dead
    /// node downed at once when PostgreSQL confirms it: <see cref="PostgreSqlLiveness"/>) and
    /// DistributedPubSub; a node without seed nodes joins itself.
    /// </summary>
    /// <param name="builder">The actor system's builder.</param>
    /// <param name="node">This node's settings.</param>
    /// <returns>The same builder.</returns>
    public static AkkaConfigurationBuilder WithWasGoCluster(this AkkaConfigurationBuilder builder, ClusterNodeSettings node)
    {
        ArgumentNullException.ThrowIfNull(node);
        builder
            .AddHocon(DowningSettings.Hocon, HoconAddMode.Prepend)
            .WithRemoting(node.Hostname, node.Port, node.PublicHostname)
            .WithClustering(new ClusterOptions
            {
                SeedNodes = node.JoinsItself ? null : [.. node.SeedNodes],
                Roles = [NodeRoles.Worlds, NodeRoles.ForName(node.NodeName)],
            })
            .WithDistributedPubSub(NodeRoles.Worlds);
        if (node.LivenessDatabase is { } database)
        {
            builder.WithActors((system, _) => system.ActorOf(Props.Create(() => new PostgreSqlLiveness(database)), "postgresql-liveness"));
        }

        if (node.JoinsItself)
        {
            // A cluster of one: the same sharding and pub-sub as a cluster, with nobody to wait for.
            builder.AddStartup(static (system, _) =>
            {
                var cluster = Akka.Cluster.Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            });
        }

        return builder;
    }
}
