using System.Globalization;
using Akka.Actor;
using WasGo.Cluster;

namespace WasGo.Host.Cluster;

/// <summary>
/// How a node takes part in the cluster (<c>WasGo:Cluster</c>): where Akka.Remote listens, which
/// nodes it joins, and the PostgreSQL that holds the journals. A single-node host is a cluster of
/// one on 127.0.0.1 and a free port, on its SQLite file; only the shard count applies to it.
/// </summary>
internal sealed class ClusterOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "WasGo:Cluster";

    /// <summary>The actor system's name: part of every node's address (<c>akka.tcp://wasgo@host:port</c>).</summary>
    public const string SystemName = "wasgo";

    /// <summary>The default Akka.Remote port of a cluster node.</summary>
    public const int DefaultPort = 4053;

    /// <summary>Gets or sets whether this host is a cluster node (<c>wasgo run --cluster</c> sets it) rather than a single-node host.</summary>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets PostgreSQL's connection string (Npgsql's form).</summary>
    public string? PostgreSql { get; set; }

    /// <summary>Gets or sets the address Akka.Remote binds. Default 127.0.0.1: set the node's reachable address (or 0.0.0.0 with <see cref="PublicHostname"/>).</summary>
    public string Hostname { get; set; } = "127.0.0.1";

    /// <summary>Gets or sets Akka.Remote's port. Default 4053.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>Gets or sets the address other nodes reach this one at, when it differs from <see cref="Hostname"/> (a container's service name).</summary>
    public string? PublicHostname { get; set; }

    /// <summary>Gets or sets the nodes to join, <c>akka.tcp://wasgo@host:port</c> each; the first node of a new cluster names itself first.</summary>
    public string[] SeedNodes { get; set; } = [];

    /// <summary>Gets or sets this node's name in the shard map and the logs: ASCII letters, digits, '-', '_' and '.'. Default: the machine's name and the process id.</summary>
    public string NodeName { get; set; } = Environment.MachineName + "-" + Environment.ProcessId;

    /// <summary>Gets or sets how many shards worlds are spread over; the same on every node for the life of the cluster.</summary>
    public int ShardCount { get; set; } = WorldShardingSetup.DefaultShardCount;

    /// <summary>Gets the node settings Akka is configured with: a single-node host joins itself on a free local port.</summary>
    public ClusterNodeSettings ToNodeSettings() => Enabled
        ? new ClusterNodeSettings { Hostname = Hostname, Port = Port, PublicHostname = PublicHostname, SeedNodes = SeedNodes, NodeName = NodeName, LivenessDatabase = PostgreSql }
        : new ClusterNodeSettings { Hostname = "127.0.0.1", Port = 0, NodeName = Environment.MachineName };

    /// <summary>Lists what is missing or malformed, naming the setting and how to set it; a single-node host only uses the shard count.</summary>
    /// <param name="adminToken">The configured admin token: every node of a cluster must accept the same one.</param>
    public IEnumerable<string> Validate(string? adminToken)
    {
        if (ShardCount is < 1 or > WorldShardingSetup.MaxShardCount)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{Section}:ShardCount is {ShardCount}; it must be 1 to {WorldShardingSetup.MaxShardCount}, the same on every node.");
        }

        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(PostgreSql))
        {
            yield return $"{Section}:PostgreSql is not set; give a connection string as --{Section}:PostgreSql=\"Host=…;Username=…;Password=…;Database=…\" or WasGo__Cluster__PostgreSql.";
        }

        if (string.IsNullOrWhiteSpace(Hostname))
        {
            yield return $"{Section}:Hostname is empty; give the address other nodes reach this one at.";
        }

        if (Port is < 1 or > 65535)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{Section}:Port is {Port}; it must be 1 to 65535 (the cluster's nodes connect to it).");
        }

        foreach (string seed in SeedNodes)
        {
            if (!ActorPath.TryParseAddress(seed, out Address? address) || address.Protocol != "akka.tcp" || address.System != SystemName || address.Host is null || address.Port is null)
            {
                yield return $"{Section}:SeedNodes has '{seed}'; a seed node is akka.tcp://{SystemName}@host:port.";
            }
        }

        if (string.IsNullOrEmpty(NodeName) || !NodeName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            yield return $"{Section}:NodeName '{NodeName}' must be ASCII letters, digits, '-', '_' or '.'; leave it out for the machine's name and process id.";
        }

        if (string.IsNullOrEmpty(adminToken))
        {
            yield return "WasGo:Auth:AdminToken is not set; a cluster node does not generate one, since every node must accept the same token. Set it on every node (WasGo__Auth__AdminToken).";
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"ClusterOptions {{ Enabled = {Enabled}, PostgreSql = [redacted], Hostname = {Hostname}, Port = {Port}, SeedNodes = [{string.Join(", ", SeedNodes)}], NodeName = {NodeName}, ShardCount = {ShardCount} }}");
}
