using FluentAssertions;
using Microsoft.Data.Sqlite;
using Wasmtime;

namespace WasGo.Persistence.Tests.WasmFunctions;

/// <summary>The limits a WebAssembly SQL function runs under: fuel, memory, stack, imports, threads, NaNs.</summary>
public sealed class WasmSqlFunctionSandboxTests : IDisposable
{
    // burn(n) loops n times and returns n.
    private const string Burn = """
        (module
          (func (export "burn") (param $n i64) (result i64)
            (local $i i64)
            (block $done
              (loop $next
                (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
                (local.set $i (i64.add (local.get $i) (i64.const 1)))
                (br $next)))
            (local.get $i)))
        """;

    // grow(pages) is memory.grow's answer: the old size in pages, or -1.
    private const string Grow = """
        (module
          (memory (export "memory") 1)
          (func (export "grow") (param $pages i64) (result i64)
            (i64.extend_i32_s (memory.grow (i32.wrap_i64 (local.get $pages))))))
        """;

    private const string Deep = """
        (module
          (func $deep (export "deep") (param $n i64) (result i64)
            (i64.add (i64.const 1) (call $deep (i64.add (local.get $n) (i64.const 1))))))
        """;

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Fuel_Should_BeGivenPerCall_AndStopAtTheSameInstructionOnEveryConnection()
    {
        var options = new WasmFunctionOptions { FuelPerCall = 100_000 };
        long most;
        await using (WasmSqlConnection first = await OpenAsync(options))
        {
            await first.ExecuteAsync($"CREATE FUNCTION burn LANGUAGE wasm AS X'{Hex(Burn)}'");
            most = await MostIterationsAsync(first);
        }

        await using WasmSqlConnection second = await OpenAsync(options);
        await second.ExecuteAsync($"CREATE FUNCTION burn LANGUAGE wasm AS X'{Hex(Burn)}'");

        most.Should().BeInRange(1_000, 100_000, "a loop step costs a few units of fuel");
        (await MostIterationsAsync(second)).Should().Be(most, "fuel is counted in instructions, not time");
        SqlQueryResult repeated = await second.QueryAsync($"SELECT burn({most}), burn({most}), burn({most})");
        repeated.Rows.Single().Should().Equal(most, most, most);
        (await FluentActions.Awaiting(() => second.QueryAsync($"SELECT burn({most + 1})")).Should().ThrowAsync<SqliteException>())
            .Which.Message.Should().Contain("Function 'burn' used all its fuel (100,000 per call)");
    }

    [Fact]
    public async Task MemoryGrowth_Should_StopAtMaxMemoryPages()
    {
        await using WasmSqlConnection db = await OpenAsync(new WasmFunctionOptions { MaxMemoryPages = 4 });
        await db.ExecuteAsync($"CREATE FUNCTION grow LANGUAGE wasm AS X'{Hex(Grow)}'");

        SqlQueryResult result = await db.QueryAsync("SELECT grow(3), grow(1), grow(0)");

        result.Rows.Single().Should().Equal(1L, -1L, 4L);
    }

    [Fact]
    public async Task AModuleDeclaringMoreMemoryThanAllowed_Should_FailItsCalls_SayingTheLimit()
    {
        await using WasmSqlConnection db = await OpenAsync(new WasmFunctionOptions { MaxMemoryPages = 2 });
        await db.ExecuteAsync($"CREATE FUNCTION big LANGUAGE wasm AS X'{Hex("""(module (memory 3) (func (export "big") (result i64) (i64.const 1)))""")}'");

        (await FluentActions.Awaiting(() => db.QueryAsync("SELECT big()")).Should().ThrowAsync<SqliteException>())
            .Which.Message.Should().Contain("Function 'big' could not be instantiated").And.Contain("MaxMemoryPages is 2");
        (await db.QueryAsync("SELECT 1")).Rows.Single()[0].Should().Be(1L);
    }

    [Fact]
    public async Task DeepRecursion_Should_FailItsQuery_AndLeaveTheConnectionUsable()
    {
        await using WasmSqlConnection db = await OpenAsync();
        await db.ExecuteAsync($"CREATE FUNCTION deep LANGUAGE wasm AS X'{Hex(Deep)}'");
        await db.ExecuteAsync($"CREATE FUNCTION burn LANGUAGE wasm AS X'{Hex(Burn)}'");

        (await FluentActions.Awaiting(() => db.QueryAsync("SELECT deep(0)")).Should().ThrowAsync<SqliteException>())
            .Which.Message.Should().Contain("Function 'deep' ran out of stack");
        (await db.QueryAsync("SELECT burn(5)")).Rows.Single()[0].Should().Be(5L);
    }

    [Fact]
    public async Task AModuleThatImportsAnything_Should_BeRefusedAtCreate_SayingWhat()
    {
        await using WasmSqlConnection db = await OpenAsync();
        string module = Hex("""
            (module
              (import "env" "now" (func $now (result i64)))
              (func (export "clock") (result i64) (call $now)))
            """);

        (await FluentActions.Awaiting(() => db.ExecuteAsync($"CREATE FUNCTION clock LANGUAGE wasm AS X'{module}'")).Should().ThrowAsync<WasmFunctionException>())
            .Which.Message.Should().Be("The module of function 'clock' imports env.now; a SQL function's module must import nothing.");
        (await db.QueryAsync("SELECT count(*) FROM libsql_wasm_func_table")).Rows.Single()[0].Should().Be(0L);
    }

    [Fact]
    public async Task ASharedMemory_Should_BeRefusedAtCreate_BecauseThreadsAreOff()
    {
        await using WasmSqlConnection db = await OpenAsync();
        string module = Hex("""(module (memory 1 1 shared) (func (export "f") (result i64) (i64.const 1)))""");

        WasmFunctionException refused = (await FluentActions.Awaiting(() => db.ExecuteAsync($"CREATE FUNCTION f LANGUAGE wasm AS X'{module}'")).Should().ThrowAsync<WasmFunctionException>()).Which;

        refused.Message.Should().StartWith("The module of function 'f' does not load").And.Contain("threads must be enabled for shared memories").And.NotContain("\n");
        refused.InnerException.Should().BeOfType<WasmtimeException>();
    }

    [Fact]
    public async Task NaNs_Should_BeCanonical_SoResultsAreTheSameOnEveryMachine()
    {
        await using WasmSqlConnection db = await OpenAsync();
        string module = Hex("""
            (module
              (func (export "nan_bits") (param $x f64) (result i64)
                (i64.reinterpret_f64 (f64.div (local.get $x) (local.get $x)))))
            """);
        await db.ExecuteAsync($"CREATE FUNCTION nan_bits LANGUAGE wasm AS X'{module}'");

        (await db.QueryAsync("SELECT nan_bits(0.0)")).Rows.Single()[0].Should().Be(0x7FF8000000000000L);
    }

    [Theory]
    [InlineData(0L, 256L, 512 * 1024, "FuelPerCall is 0; it must be at least 1")]
    [InlineData(1L, 65_537L, 512 * 1024, "MaxMemoryPages is 65537; it must be between 0 and 65536")]
    [InlineData(1L, 256L, 8 * 1024 * 1024, "MaxStackSize is 8388608; it must be between 16384 and 1048576 bytes")]
    public async Task LimitsOutOfRange_Should_BeRefusedAtOpen_SayingWhichAndWhatIsAllowed(long fuel, long pages, int stack, string expected)
    {
        var options = new WasmFunctionOptions { FuelPerCall = fuel, MaxMemoryPages = pages, MaxStackSize = stack };

        (await FluentActions.Awaiting(() => OpenAsync(options)).Should().ThrowAsync<ArgumentOutOfRangeException>()).Which.Message.Should().Contain(expected);
    }

    private static async Task<long> MostIterationsAsync(WasmSqlConnection db)
    {
        // The largest n for which burn(n) finishes on its fuel: burn(low) does, burn(high) does not.
        long low = 0, high = 1_000_000;
        while (high - low > 1)
        {
            long middle = (low + high) / 2;
            try
            {
                await db.QueryAsync($"SELECT burn({middle})");
                low = middle;
            }
            catch (SqliteException)
            {
                high = middle;
            }
        }

        return low;
    }

    private static string Hex(string wat) => Convert.ToHexString(Module.ConvertText(wat));

    private Task<WasmSqlConnection> OpenAsync(WasmFunctionOptions? options = null) =>
        WasmSqlConnection.OpenAsync(Path.Combine(_folder.Path, Guid.NewGuid().ToString("N") + ".db"), options);
}
