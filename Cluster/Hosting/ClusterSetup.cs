using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;

namespace WasGo.Cluster;

/// <summary>Joins the actor system to an Akka.NET cluster the way every WasGo node does, a dev host's cluster of one included.</summary>
public static class ClusterSetup
{
    /// <summary>The longest a node that joins itself waits for itself to be Up before the host goes on.</summary>
    private static readonly TimeSpan s_selfJoinTimeout = TimeSpan.FromSeconds(30);

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
            builder.AddStartup(static (system, _) => JoinItselfAsync(system));
        }

        return builder;
    }

    /// <summary>
    /// Joins the node to itself and waits until it is Up (a few hundred milliseconds: the leader's
    /// next actions), so that the host's services after the actor system send worlds' messages to a
    /// shard region whose coordinator is starting, not to one that has no coordinator yet and holds
    /// them (and warns after a second). Added after the journals' warm-up, which it then follows.
    /// </summary>
    private static async Task JoinItselfAsync(ActorSystem system)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        cluster.Join(cluster.SelfAddress);
        try
        {
            await up.Task.WaitAsync(s_selfJoinTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Not Up yet on a very slow machine: start anyway; the shard region holds the first messages until it is.
        }
    }
}
