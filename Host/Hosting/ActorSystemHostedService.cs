using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WasGo.Actors;

namespace WasGo.Host.Hosting;

/// <summary>Owns the host's actor system: made with the host, terminated when the host stops.</summary>
internal sealed partial class ActorSystemHostedService(IOptions<ActorSystemOptions> options, ILogger<ActorSystemHostedService> logger) : IHostedService
{
    private readonly Lazy<ActorSystem> _system = new(() => ActorSystem.Create("wasgo", options.Value));

    public ActorSystem System => _system.Value;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogUp(logger, System.Name, Environment.ProcessId);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_system.IsValueCreated)
        {
            return;
        }

        LogStopping(logger);
        try
        {
            await System.DisposeAsync().ConfigureAwait(false);
            LogStopped(logger);
        }
        catch (TimeoutException timeout)
        {
            LogStopTimedOut(logger, timeout.Message);
        }
    }

    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "WasGo host is up: actor system {SystemName} running in process {ProcessId}")]
    private static partial void LogUp(ILogger logger, string systemName, int processId);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "WasGo host is stopping: terminating every actor")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Information, Message = "WasGo host stopped cleanly")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Error, Message = "WasGo host stopped before every actor did: {Reason}")]
    private static partial void LogStopTimedOut(ILogger logger, string reason);
}
