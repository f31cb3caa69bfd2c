using BenchmarkDotNet.Running;
using WasGo.Benchmarks.Following;
using WasGo.Benchmarks.Host;
using WasGo.Benchmarks.Persistence;
using WasGo.Benchmarks.Scripting;
using WasGo.Benchmarks.Wasm;

// Console modes, for measurements too large for BenchmarkDotNet's iterations or that need other
// processes: `entities`, `host` (HTTP callers and
// WebSocket subscribers against the wasgo host on 127.0.0.1, beside direct asks of the same world),
// `hostcluster` (HTTP calls and shard-region asks to a world through the node that runs it and through another node),
// `failover` (the time until a world answers from a survivor after its node is stopped or killed),
// `journal` (inputs a world journals a second on SQLite and PostgreSQL, beside the in-memory journal),
// `hostile` (a world with one hostile entity beside the same world without it, issue 12),
// `worldtick` (tick times of a world of 1,800 scripted entities at 20 ticks/s, issue 14),
// `cosim` (a client's catch-up on a world's input feed beside the host's own stepping, and the input
// feed's bytes per tick beside the state feed's on a real `wasgo run`, issue 16),
// `wasm` (Wasmtime with the sandbox's settings, with NaN canonicalisation off and bare, beside V8
// and native on ../shared/bench/wasm), `instances` (10,000 live instances beside V8). Everything else is a BenchmarkDotNet class: pass --filter '*Name*'.
if (args is ["entities", ..])
{
    EntityBenchmark.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
    return 0;
}

if (args is ["host", ..])
{
    return await HostLoadTest.RunAsync(args);
}

if (args is ["hostcluster", ..])
{
    // hostcluster [seconds] [callers]: two cluster nodes in this process on the PostgreSQL WASGO_TEST_POSTGRES names.
    return await HostClusterBenchmark.RunAsync(args);
}

if (args is ["journal", ..])
{
    // journal [seconds] [calls in flight]: one world actor on the in-memory journal, SQLite and the PostgreSQL WASGO_TEST_POSTGRES names.
    return await JournalBenchmark.RunAsync(args);
}

if (args is ["failover", ..])
{
    // failover [rounds]: three wasgo --cluster processes on the PostgreSQL WASGO_TEST_POSTGRES names; SIGTERM then SIGKILL of the world's node.
    return await FailOverBenchmark.RunAsync(args);
}

if (args is ["hostile", ..])
{
    // hostile [seconds per phase] [kind ...]: a fresh host on 127.0.0.1 per phase; builds Tests/Scripts with clang-14.
    return await HostileWorldBenchmark.RunAsync(args);
}

if (args is ["worldtick", ..])
{
    // worldtick [ticks] [entities]: one world of example npcs in this process, stepped as each stepper steps it.
    WorldTickBenchmark.Run(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 400,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1_800);
    return 0;
}

if (args is ["cosim", ..])
{
    // cosim catchup [ticks] [entities] [rounds] | cosim wire [seconds] [entities] [calls per second] | cosim (both, defaults).
    return await CoSimulationBenchmark.RunAsync(args[1..]);
}

if (args is ["wasm", ..])
{
    return WasmComparison.Run(args[1..]);
}

if (args is ["instances", ..])
{
    // instances [N=10000] [counter] [sandbox|bare]: N live instances under the sandbox's engine and/or bare Wasmtime, beside V8.
    InstanceDensityBenchmark.Run(args[1..]);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(EntityBenchmark).Assembly).Run(args);
return 0;
