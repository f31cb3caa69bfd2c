using Microsoft.Extensions.Options;
using OpenTelemetry.Resources;
using WasGo.Host.Cluster;

namespace WasGo.Host.Telemetry;

/// <summary>Names the node in the telemetry's resource: <c>service.instance.id</c> is its name in the shard map, so that a span or a series says which node it came from.</summary>
internal sealed class NodeResourceDetector(IOptions<ClusterOptions> cluster) : IResourceDetector
{
    public Resource Detect() =>
        new([new KeyValuePair<string, object>("service.instance.id", cluster.Value.ToNodeSettings().NodeName)]);
}
