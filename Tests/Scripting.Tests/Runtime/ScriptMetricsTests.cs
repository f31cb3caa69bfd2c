using System.Diagnostics.Metrics;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Wasmtime;

namespace WasGo.Scripting.Tests.Runtime;

public sealed class ScriptMetricsTests
{
    [Fact]
    public void Meters_Should_CountMessagesNotificationsFuelTrapsAndActivations()
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        using var factory = new ScopedMeterFactory();
        using var metrics = new ScriptMetrics(factory);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this test's meters: other tests run scripts in parallel, each runtime with meters of its own.
            if (instrument.Meter.Scope == factory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (totals)
            {
                totals[instrument.Name] = totals.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.Start();
        using var runtime = new ScriptRuntime(metrics: metrics);
        Module module = runtime.Compile("m", Module.ConvertText("""
            (module
              (memory (export "memory") 1)
              (func (export "_ready"))
              (func (export "spin") (result i64) (local $i i64)
                (loop $again (local.set $i (i64.add (local.get $i) (i64.const 1))) (br_if $again (i64.lt_u (local.get $i) (i64.const 100))))
                (local.get $i))
              (func (export "boom") unreachable))
            """));
        using var world = new World(new WorldOptions(), runtime, _ => module, NullLogger.Instance);

        world.Apply(new SpawnInput("e", "m"));
        world.Apply(new CallInput("e", "spin", []));
        world.Apply(new CallInput("e", "boom", []));

        totals["wasgo.script.messages"].Should().Be(1 + 2, "one good call, and the bad one on its first try and its one retry on a fresh instance");
        totals["wasgo.script.traps"].Should().Be(2);
        totals["wasgo.script.notifications"].Should().BeGreaterThanOrEqualTo(1 + 2, "_ready after the activation and after each restart");
        totals["wasgo.entity.activations"].Should().Be(1 + 2);
        totals["wasgo.script.fuel"].Should().BeGreaterThan(100, "the loop ran a hundred times");
    }

    /// <summary>Makes meters whose scope is this factory, so a listener can tell them from every other test's.</summary>
    private sealed class ScopedMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(new MeterOptions(options.Name) { Scope = this });
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }
}
