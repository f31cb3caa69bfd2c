using BenchmarkDotNet.Running;
using WasGo.Benchmarks.Actors;
using WasGo.Benchmarks.Host;
using WasGo.Benchmarks.Scripting;
using WasGo.Benchmarks.Wasm;

// `host` load-tests the wasgo host on 127.0.0.1 (HTTP callers and WebSocket subscribers for a
// fixed time, beside direct asks of the same world); `spawn` measures a million actors in one process (too large for BenchmarkDotNet's iterations);
// `wasm` compares our engine with V8 and native on ../shared/bench/wasm, following that suite's
// own protocol; everything else is a BenchmarkDotNet class: pass --filter '*Name*'.
if (args is ["entities", ..])
{
    await EntityBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
    return 0;
}

if (args is ["host", ..])
{
    return await HostLoadTest.RunAsync(args);
}

if (args is ["wasm", ..])
{
    return WasmComparison.Run(args[1..]);
}

if (args is ["spawn", ..])
{
    int count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
    await SpawnBenchmark.RunAsync(count);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(EntityBenchmark).Assembly).Run(args);
return 0;
