using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using WasGo.Benchmarks.Actors;
using WasGo.Wasm;
using WasGo.Wasm.Text;

namespace WasGo.Benchmarks.Wasm;

/// <summary>
/// The cost of crossing the sandbox: C# calling an empty export through the typed wrapper, and a
/// guest calling an empty host function, each beside a plain C# delegate call; and instantiating a
/// compiled 1-page module.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class WasmCallBenchmarks
{
    private const int Calls = 1_000;

    private const string Source = """
        (module
          (import "host" "nop" (func $nop))
          (memory (export "memory") 1)
          (func (export "identity") (param i32) (result i32) (local.get 0))
          (func (export "call_host") (param $n i32)
            (block $done (loop $next
              (br_if $done (i32.eqz (local.get $n)))
              (call $nop)
              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
              (br $next)))))
        """;

    private Engine _engine = null!;
    private Module _module = null!;
    private Linker _linker = null!;
    private Store _store = null!;
    private Func<int, int> _identity = null!;
    private Action<int> _callHost = null!;
    private Func<int, int> _delegate = null!;
    private Action _hostDelegate = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new Engine();
        _module = Module.FromBytes(_engine, "calls", Wat.Parse(Source));
        _linker = new Linker(_engine);
        _linker.DefineFunction("host", "nop", Nop);
        _store = new Store(_engine);
        Instance instance = _linker.Instantiate(_store, _module);
        _identity = instance.GetFunction<int, int>("identity")!;
        _callHost = instance.GetAction<int>("call_host")!;
        _delegate = Identity;
        _hostDelegate = Nop;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _engine.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
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
    public int ExportThroughTypedWrapper()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            sum += _identity(i);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public void CSharpLoopCallingADelegate()
    {
        for (int i = 0; i < Calls; i++)
        {
            _hostDelegate();
        }
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public void GuestCallingAHostFunction() => _callHost(Calls);

    [Benchmark]
    public void InstantiateOnePageModule()
    {
        using var store = new Store(_engine);
        _linker.Instantiate(store, _module);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Identity(int value) => value;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Nop()
    {
    }
}
