namespace WasGo.Cluster;

/// <summary>How this node takes part in an Akka.NET cluster: where it listens, whom it joins, and how it is named.</summary>
public sealed record ClusterNodeSettings
{
    /// <summary>Gets the address Akka.Remote binds (127.0.0.1 for a dev host; a cluster node's reachable address).</summary>
    public required string Hostname { get; init; }

    /// <summary>Gets Akka.Remote's port; 0 picks a free one (a dev host, which nobody joins).</summary>
    public required int Port { get; init; }

    /// <summary>Gets the address other nodes reach this one at, when it is not <see cref="Hostname"/> (a container's service name); null for the same.</summary>
    public string? PublicHostname { get; init; }

    /// <summary>Gets the seed nodes' addresses (<c>akka.tcp://wasgo@host:port</c>); none makes this node a cluster of one that joins itself.</summary>
    public IReadOnlyList<string> SeedNodes { get; init; } = [];

    /// <summary>Gets the node's name, shown in the shard map and the logs; carried as a cluster role (<see cref="NodeRoles"/>).</summary>
    public required string NodeName { get; init; }

    /// <summary>Gets the cluster's PostgreSQL, which confirms dead nodes so that they are downed at once (<see cref="PostgreSqlLiveness"/>); null for none (a cluster of one).</summary>
    public string? LivenessDatabase { get; init; }

    /// <summary>Gets whether the node forms a cluster of one with itself (no seed nodes).</summary>
    public bool JoinsItself => SeedNodes.Count == 0;

    /// <inheritdoc />
    public override string ToString() =>
        $"ClusterNodeSettings {{ Hostname = {Hostname}, Port = {Port}, PublicHostname = {PublicHostname}, SeedNodes = [{string.Join(", ", SeedNodes)}], NodeName = {NodeName}, LivenessDatabase = {(LivenessDatabase is null ? "none" : "[redacted]")} }}";
}
