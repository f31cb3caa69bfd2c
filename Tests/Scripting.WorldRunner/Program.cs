using Microsoft.Extensions.Logging.Abstractions;
using WasGo.Persistence;
using WasGo.Scripting;
using Wasmtime;

// usage: WorldRunner <module.wasm> <recorded inputs> <ticks>
// The recording is a sequence of [int32 length][RecordedTick bytes]. Prints one line per tick:
// "<tick> <digest>".
byte[] moduleBytes = File.ReadAllBytes(args[0]);
byte[] recording = File.ReadAllBytes(args[1]);
long ticks = long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);

var recorded = new Dictionary<long, IReadOnlyList<WorldInput>>();
for (int at = 0; at < recording.Length;)
{
    int length = BitConverter.ToInt32(recording, at);
    RecordedTick tick = RecordedTick.Decode(recording.AsSpan(at + 4, length));
    recorded[tick.Tick] = tick.Inputs;
    at += 4 + length;
}

using var runtime = new ScriptRuntime();
string hash = ModuleHash.Of(moduleBytes);
Module module = runtime.Compile(hash, moduleBytes);
using var world = new World(new WorldOptions { WorldId = "replayed" }, runtime, h => h == hash ? module : null, NullLogger.Instance);
using var output = new StreamWriter(Console.OpenStandardOutput());
for (long tick = 1; tick <= ticks; tick++)
{
    TickResult result = world.Step(recorded.GetValueOrDefault(tick, []));
    output.Write(result.Tick);
    output.Write(' ');
    output.WriteLine(result.DigestHex);
}
