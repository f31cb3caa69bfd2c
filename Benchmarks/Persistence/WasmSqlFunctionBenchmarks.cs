using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using WasGo.Persistence;

namespace WasGo.Benchmarks.Persistence;

/// <summary>
/// SQL function calls per second: an iterative fibonacci as a WebAssembly function
/// (<c>CREATE FUNCTION … LANGUAGE wasm</c>) beside the same function written in C# and registered
/// with <c>SqliteConnection.CreateFunction</c>, each called once per row of the same query. One
/// operation is one call. The wasm function runs on Wasmtime with the default sandbox (fuel per
/// call, memory limit, NaN canonicalisation); the setup checks both give the same sum.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class WasmSqlFunctionBenchmarks
{
    private const int Calls = 10_000;
    private static string Query(string function) => $"WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < 10000) SELECT sum({function}(x % 40)) FROM s";

    private const string Fibonacci = """
        (module
          (func (export "fibonacci") (param $n i64) (result i64)
            (local $a i64) (local $b i64) (local $t i64)
            (local.set $b (i64.const 1))
            (block $done
              (loop $next
                (br_if $done (i64.eqz (local.get $n)))
                (local.set $t (i64.add (local.get $a) (local.get $b)))
                (local.set $a (local.get $b))
                (local.set $b (local.get $t))
                (local.set $n (i64.sub (local.get $n) (i64.const 1)))
                (br $next)))
            (local.get $a)))
        """;

    private string _folder = null!;
    private WasmSqlConnection _database = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "wasgo-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _database = WasmSqlConnection.OpenAsync(Path.Combine(_folder, "functions.db")).GetAwaiter().GetResult();
        _database.ExecuteAsync($"CREATE FUNCTION fibonacci LANGUAGE wasm AS X'{Convert.ToHexString(Wasmtime.Module.ConvertText(Fibonacci))}'").GetAwaiter().GetResult();
        _database.Connection.CreateFunction("fibonacci_cs", (long n) => FibonacciInCSharp(n), isDeterministic: false);
        if (Run("fibonacci") != Run("fibonacci_cs"))
        {
            throw new InvalidOperationException("The wasm and C# functions disagree.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public long CSharpFunction() => Run("fibonacci_cs");

    [Benchmark(OperationsPerInvoke = Calls)]
    public long WasmFunction() => Run("fibonacci");

    private static long FibonacciInCSharp(long n)
    {
        long a = 0, b = 1;
        for (; n != 0; n--)
        {
            (a, b) = (b, a + b);
        }

        return a;
    }

    private long Run(string function)
    {
        using SqliteCommand command = _database.Connection.CreateCommand();
        command.CommandText = Query(function);
        return (long)command.ExecuteScalar()!;
    }
}
