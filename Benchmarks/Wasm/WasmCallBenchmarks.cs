using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Wasmtime;

namespace WasGo.Benchmarks.Wasm;

/// <summary>
/// The cost of crossing the sandbox under Wasmtime, each beside plain C# doing the same: C# calling
/// an empty export through a typed <c>GetFunction</c> kept from setup; a guest calling an empty host
/// function defined with <see cref="Caller"/> (as the <c>wasgo</c> imports are); a host function
/// reading 16 bytes of guest memory through a kept <see cref="Memory"/> and through
/// <c>Caller.GetMemory("memory")</c>; and a new store + instance of a compiled 1-page module.
/// <see cref="Setup"/> is the sandbox's engine (<c>ScriptRuntime</c>'s: fuel, epochs, NaN
/// canonicalisation, 16 MiB reservation) with an entity's store limits, or bare Wasmtime.
/// </summary>
[Config(typeof(InProcessConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class WasmCallBenchmarks
{
    private const int Calls = 1_000;
    private const int ReadBytes = 16;

    private const string Source = """
        (module
          (import "host" "nop" (func $nop))
          (import "host" "read_kept" (func $read_kept (param i32 i32) (result i32)))
          (import "host" "read_by_name" (func $read_by_name (param i32 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 0) "0123456789abcdef")
          (func (export "identity") (param i32) (result i32) (local.get 0))
          (func (export "call_host") (param $n i32)
            (block $done (loop $next
              (br_if $done (i32.eqz (local.get $n)))
              (call $nop)
              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
              (br $next))))
          (func (export "read_kept") (param $n i32) (result i32)
            (local $sum i32)
            (block $done (loop $next
              (br_if $done (i32.eqz (local.get $n)))
              (local.set $sum (i32.add (local.get $sum) (call $read_kept (i32.const 0) (i32.const 16))))
              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
              (br $next)))
            (local.get $sum))
          (func (export "read_by_name") (param $n i32) (result i32)
            (local $sum i32)
            (block $done (loop $next
              (br_if $done (i32.eqz (local.get $n)))
              (local.set $sum (i32.add (local.get $sum) (call $read_by_name (i32.const 0) (i32.const 16))))
              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
              (br $next)))
            (local.get $sum)))
        """;

    private readonly byte[] _array = "0123456789abcdef"u8.ToArray();
    private WasmtimeSetup _setup = null!;
    private Module _module = null!;
    private Linker _linker = null!;
    private Store _store = null!;
    private Memory _memory = null!;
    private Func<int, int> _identity = null!;
    private Action<int> _callHost = null!;
    private Func<int, int> _readKept = null!;
    private Func<int, int> _readByName = null!;
    private Func<int, int> _delegate = null!;
    private Action _hostDelegate = null!;
    private Func<int, int, int> _readDelegate = null!;

    /// <summary>Gets or sets the engine: <c>sandbox</c> (ScriptRuntime's) or <c>bare</c> (default config, threads off).</summary>
    [Params("sandbox", "bare")]
    public string Setup { get; set; } = "sandbox";

    [GlobalSetup]
    public void GlobalSetup()
    {
        _setup = Setup == "bare" ? WasmtimeSetup.Bare() : WasmtimeSetup.Sandbox("sandbox");
        _module = Module.FromText(_setup.Engine, "calls", Source);
        _linker = new Linker(_setup.Engine);
        _linker.DefineFunction("host", "nop", (Caller caller) => { });
        _linker.DefineFunction("host", "read_kept", (Caller caller, int address, int length) => Sum(_memory.GetSpan(address, length)));
        _linker.DefineFunction("host", "read_by_name", (Caller caller, int address, int length) => Sum(caller.GetMemory("memory")!.GetSpan(address, length)));
        _store = _setup.NewStore();
        Instance instance = _linker.Instantiate(_store, _module);
        _memory = instance.GetMemory("memory")!;
        _identity = instance.GetFunction<int, int>("identity")!;
        _callHost = instance.GetAction<int>("call_host")!;
        _readKept = instance.GetFunction<int, int>("read_kept")!;
        _readByName = instance.GetFunction<int, int>("read_by_name")!;
        _delegate = Identity;
        _hostDelegate = Nop;
        _readDelegate = ReadArray;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _linker.Dispose();
        _module.Dispose();
        _setup.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    [BenchmarkCategory("host to guest")]
    public int CSharpDelegate()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            sum += _delegate(i);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory("host to guest")]
    public int ExportThroughTypedFunction()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            sum += _identity(i);
        }

        return sum;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    [BenchmarkCategory("guest to host")]
    public void CSharpLoopCallingADelegate()
    {
        for (int i = 0; i < Calls; i++)
        {
            _hostDelegate();
        }
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory("guest to host")]
    public void GuestCallingAHostFunction() => _callHost(Calls);

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    [BenchmarkCategory("guest to host, 16 B read")]
    public int CSharpLoopReadingAnArray()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            sum += _readDelegate(0, ReadBytes);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory("guest to host, 16 B read")]
    public int HostFunctionReadingThroughKeptMemory() => _readKept(Calls);

    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory("guest to host, 16 B read")]
    public int HostFunctionReadingThroughCallerGetMemory() => _readByName(Calls);

    [Benchmark]
    [BenchmarkCategory("instantiate")]
    public void NewStoreAndInstanceOfOnePageModule()
    {
        using Store store = _setup.NewStore();
        _linker.Instantiate(store, _module);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Identity(int value) => value;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Nop()
    {
    }

    private static int Sum(ReadOnlySpan<byte> bytes)
    {
        int sum = 0;
        foreach (byte b in bytes)
        {
            sum += b;
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int ReadArray(int address, int length) => Sum(_array.AsSpan(address, length));

    /// <summary>
    /// The actor benchmarks' short job (1 launch, 3 warm-up, 10 iterations, allocations, ratios), run
    /// in this process: BenchmarkDotNet's build of a separate one exceeded its 2-minute timeout on
    /// the loaded machine. Everything measured here is native code or a call into it.
    /// </summary>
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig()
        {
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance));
            AddDiagnoser(MemoryDiagnoser.Default);
            SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend);
        }
    }
}
