using System.Diagnostics;

namespace WasGo.Actors.TestKit;

/// <summary>
/// A cluster of real node processes for integration tests: each node is a program of yours that
/// speaks <see cref="NodeCommandLoop"/>'s protocol, started against the real broker and database.
/// Nodes can join, leave, be killed, frozen and thawed; disposing kills whatever still runs.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class MultiNodeCluster : IAsyncDisposable
{
    private readonly Func<string, ProcessStartInfo> _startInfo;
    private readonly Lock _sync = new();
    private readonly Dictionary<string, ClusterNodeProcess> _nodes = new(StringComparer.Ordinal);

    /// <summary>Initializes a cluster whose nodes are started by <paramref name="startInfo"/>.</summary>
    /// <param name="startInfo">Makes the start info of a node from its id.</param>
    public MultiNodeCluster(Func<string, ProcessStartInfo> startInfo)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        _startInfo = startInfo;
    }

    /// <summary>Gets how long a node may take to connect and print <c>READY</c>.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets the nodes started so far (killed ones included), by id.</summary>
    public IReadOnlyDictionary<string, ClusterNodeProcess> Nodes
    {
        get
        {
            lock (_sync)
            {
                return new Dictionary<string, ClusterNodeProcess>(_nodes, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Gets a started node.</summary>
    /// <param name="nodeId">Its id.</param>
    /// <exception cref="KeyNotFoundException">No node has that id.</exception>
    public ClusterNodeProcess this[string nodeId] => Nodes[nodeId];

    /// <summary>Starts a .NET node program: <c>dotnet &lt;assembly&gt; &lt;arguments&gt;</c>, with extra environment variables.</summary>
    /// <param name="assemblyPath">The node program's .dll.</param>
    /// <param name="arguments">Its arguments for a node id.</param>
    /// <param name="environment">Variables to set (connection strings, for instance).</param>
    /// <returns>A start-info factory for the constructor.</returns>
    public static Func<string, ProcessStartInfo> DotNetNode(string assemblyPath, Func<string, IEnumerable<string>> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(assemblyPath);
        ArgumentNullException.ThrowIfNull(arguments);
        return nodeId =>
        {
            var info = new ProcessStartInfo("dotnet", [assemblyPath, .. arguments(nodeId)]);
            foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
            {
                info.Environment[name] = value;
            }

            return info;
        };
    }

    /// <summary>Starts one node and waits until it is ready.</summary>
    /// <param name="nodeId">Its id, unique in this cluster.</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentException">A node with that id was started already.</exception>
    /// <exception cref="InvalidOperationException">It did not get ready; the message holds its output.</exception>
    public async Task<ClusterNodeProcess> StartNodeAsync(string nodeId)
    {
        lock (_sync)
        {
            if (_nodes.ContainsKey(nodeId))
            {
                throw new ArgumentException($"Node '{nodeId}' was started already in this cluster; give each node its own id.", nameof(nodeId));
            }
        }

        ClusterNodeProcess node = await ClusterNodeProcess.StartAsync(nodeId, _startInfo(nodeId), StartTimeout).ConfigureAwait(false);
        lock (_sync)
        {
            _nodes[nodeId] = node;
        }

        return node;
    }

    /// <summary>Starts several nodes one after another (the first to start owns every shard until the others join).</summary>
    /// <param name="nodeIds">Their ids.</param>
    /// <returns>The nodes.</returns>
    public async Task<IReadOnlyList<ClusterNodeProcess>> StartNodesAsync(params string[] nodeIds)
    {
        ArgumentNullException.ThrowIfNull(nodeIds);
        var started = new List<ClusterNodeProcess>();
        foreach (string nodeId in nodeIds)
        {
            started.Add(await StartNodeAsync(nodeId).ConfigureAwait(false));
        }

        return started;
    }

    /// <summary>Gets the nodes whose processes still run.</summary>
    /// <returns>The running nodes.</returns>
    public IReadOnlyList<ClusterNodeProcess> Running() => [.. Nodes.Values.Where(n => !n.HasExited)];

    /// <summary>Kills every node still running.</summary>
    /// <returns>A task that completes when they have exited.</returns>
    public async ValueTask DisposeAsync()
    {
        foreach (ClusterNodeProcess node in Nodes.Values)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }
    }
}
