using BenchmarkDotNet.Running;
using WasGo.Benchmarks.Actors;

// `spawn` measures a million actors in one process (too large for BenchmarkDotNet's iterations);
// everything else is a BenchmarkDotNet class: pass --filter '*Name*'.
if (args is ["spawn", ..])
{
    int count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
    await SpawnBenchmark.RunAsync(count);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
