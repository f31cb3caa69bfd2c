using Akka.Actor;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WasGo.Host.Cluster;

namespace WasGo.Host.Hosting;

/// <summary>
/// Says when the host's actor system is up, and stops it through Akka's coordinated shutdown when
/// the host stops (which hands this node's shards off and leaves the cluster), saying whether
/// every actor stopped in time. Registered after <c>AddAkka</c>, so
/// it starts after the system and stops before Akka.Hosting's own service, which then finds the
/// shutdown done.
/// </summary>
internal sealed partial class ActorSystemLifecycle(ActorSystem system, IOptions<ClusterOptions> cluster, ILogger<ActorSystemLifecycle> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogUp(logger, system.Name, Environment.ProcessId);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        LogStopping(logger);
        try
        {
            await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance).ConfigureAwait(false);
            await system.WhenTerminated.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (cluster.Value.Enabled)
            {
                LogLeft(logger, cluster.Value.NodeName);
            }

            LogStopped(logger);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            LogStopTimedOut(logger, e.Message);
        }
    }

    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "WasGo host is up: actor system {SystemName} running in process {ProcessId}")]
    private static partial void LogUp(ILogger logger, string systemName, int processId);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "WasGo host is stopping: terminating every actor")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Information, Message = "WasGo host stopped cleanly")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(EventId = 8031, Level = LogLevel.Information, Message = "Cluster: node {NodeName} left; its shards were handed off")]
    private static partial void LogLeft(ILogger logger, string nodeName);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Error, Message = "WasGo host stopped before every actor did: {Reason}")]
    private static partial void LogStopTimedOut(ILogger logger, string reason);
}
