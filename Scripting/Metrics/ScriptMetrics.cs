using System.Diagnostics.Metrics;

namespace WasGo.Scripting;

/// <summary>
/// The meters of scripted entities (meter <see cref="MeterName"/>): methods called (messages),
/// notifications delivered, fuel used, traps and activations. Any
/// System.Diagnostics.Metrics listener (OpenTelemetry, dotnet-counters, the host's Prometheus
/// endpoint) reads them.
/// </summary>
/// <remarks>Thread-safe. Recording costs a flag check while nothing listens.</remarks>
public sealed class ScriptMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "WasGo.Scripting";

    private readonly Meter _meter;
    private readonly Counter<long> _messages;
    private readonly Counter<long> _notifications;
    private readonly Counter<long> _fuel;
    private readonly Counter<long> _traps;
    private readonly Counter<long> _activations;

    /// <summary>Initializes the meters.</summary>
    /// <param name="meterFactory">The host's meter factory, or <see langword="null"/> for a meter of this instance's own.</param>
    public ScriptMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _messages = _meter.CreateCounter<long>("wasgo.script.messages", "{message}", "Method calls delivered to scripts, from clients and other entities.");
        _notifications = _meter.CreateCounter<long>("wasgo.script.notifications", "{notification}", "Notifications delivered to scripts (_ready, _process, _timer, …).");
        _fuel = _meter.CreateCounter<long>("wasgo.script.fuel", "{instruction}", "Fuel scripts consumed.");
        _traps = _meter.CreateCounter<long>("wasgo.script.traps", "{trap}", "Calls that trapped or ran out of fuel or time.");
        _activations = _meter.CreateCounter<long>("wasgo.entity.activations", "{activation}", "Script instances started (a spawn, a fresh instance after a trap).");
    }

    /// <summary>Frees the meter.</summary>
    public void Dispose() => _meter.Dispose();

    internal void Called(string export, long fuelUsed, string? trap)
    {
        (export.StartsWith('_') ? _notifications : _messages).Add(1);
        if (fuelUsed > 0)
        {
            _fuel.Add(fuelUsed);
        }

        if (trap is not null)
        {
            _traps.Add(1, new KeyValuePair<string, object?>("code", trap));
        }
    }

    internal void Activated() => _activations.Add(1);

}
