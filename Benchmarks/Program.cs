using BenchmarkDotNet.Running;
using WasGo.Benchmarks.Actors;
using WasGo.Benchmarks.Cluster;
using WasGo.Benchmarks.Scripting;
using WasGo.Benchmarks.Wasm;

// `spawn` measures a million actors in one process (too large for BenchmarkDotNet's iterations);
// `wasm` compares our engine with V8 and native on ../shared/bench/wasm, following that suite's
// own protocol; `instances` weighs 10,000 live instances against V8; everything else is a BenchmarkDotNet class: pass --filter '*Name*'.
if (args is ["entities", ..])
{
    await EntityBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
    return 0;
}

if (args is ["cluster", ..])
{
    // cluster [seconds] [calls in flight]: node processes on the servers WASGO_TEST_RABBITMQ / WASGO_TEST_POSTGRES name.
    await ClusterBenchmark.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1000);
    return 0;
}

if (args is ["wasm", ..])
{
    return WasmComparison.Run(args[1..]);
}

if (args is ["instances", ..])
{
    InstanceDensityBenchmark.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000);
    return 0;
}

if (args is ["spawn", ..])
{
    int count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
    await SpawnBenchmark.RunAsync(count);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
