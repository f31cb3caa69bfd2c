using System.Globalization;

namespace WasGo.Host.Sandbox;

/// <summary>
/// Says at start how many live scripts this machine's kernel lets the host hold: each entity's
/// Wasmtime instance takes about three memory mappings, and Linux allows a process
/// <c>vm.max_map_count</c> of them (65,530 by default, about 21,000 scripts). Past it an activation
/// fails with "Cannot allocate memory", or Wasmtime aborts the process; an operator who expects more
/// entities raises the setting first.
/// </summary>
internal sealed partial class LiveScriptCapacity(ILogger<LiveScriptCapacity> logger) : IHostedService
{
    private const string MapCountFile = "/proc/sys/vm/max_map_count";

    /// <summary>The mappings one live script takes, measured here (two for its memory and guard, one for its code and tables).</summary>
    private const int MappingsPerScript = 3;

    /// <summary>The mappings left for everything else in the process (the runtime, its heaps, libraries).</summary>
    private const int MappingsForTheProcess = 2_000;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(MapCountFile)
            || !long.TryParse(await File.ReadAllTextAsync(MapCountFile, cancellationToken).ConfigureAwait(false), NumberStyles.Integer, CultureInfo.InvariantCulture, out long mappings))
        {
            return; // not Linux, or not readable: nothing to say
        }

        long scripts = Math.Max(0, (mappings - MappingsForTheProcess) / MappingsPerScript);
        LogCapacity(logger, mappings, scripts);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 8023, Level = LogLevel.Information, Message = "Live scripts: vm.max_map_count is {Mappings}, room for about {Scripts} live entities at once (raise it, e.g. sysctl -w vm.max_map_count=524288, to hold more)")]
    private static partial void LogCapacity(ILogger logger, long mappings, long scripts);
}
