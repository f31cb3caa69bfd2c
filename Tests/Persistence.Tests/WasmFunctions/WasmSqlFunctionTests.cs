using FluentAssertions;
using Microsoft.Data.Sqlite;
using Wasmtime;

namespace WasGo.Persistence.Tests.WasmFunctions;

public sealed class WasmSqlFunctionTests : IDisposable
{
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

    // The shape of libSQL's own fib test: doubly recursive, unsigned comparison, i64 throughout.
    private const string RecursiveFib = """
        (module
          (func $fib (export "fib") (param $n i64) (result i64)
            (if (result i64) (i64.lt_u (local.get $n) (i64.const 2))
              (then (local.get $n))
              (else (i64.add (call $fib (i64.sub (local.get $n) (i64.const 1)))
                             (call $fib (i64.sub (local.get $n) (i64.const 2))))))))
        """;

    // A bump allocator and functions over libSQL's tagged values.
    private const string Values = """
        (module
          (memory (export "memory") 1)
          (global $next (mut i32) (i32.const 1024))
          (func (export "libsql_malloc") (param $size i32) (result i32)
            (local $at i32)
            (local.set $at (global.get $next))
            (global.set $next (i32.add (global.get $next) (local.get $size)))
            (if (i32.gt_u (global.get $next) (i32.mul (memory.size) (i32.const 65536)))
              (then (drop (memory.grow (i32.add (i32.div_u (i32.sub (global.get $next) (i32.mul (memory.size) (i32.const 65536))) (i32.const 65536)) (i32.const 1))))))
            (local.get $at))
          (func (export "echo") (param $value i32) (result i32) (local.get $value))
          (func (export "tag_of") (param $value i32) (result i64) (i64.extend_i32_u (i32.load8_u (local.get $value))))
          (func (export "blob_length") (param $value i32) (result i64)
            (i64.extend_i32_u (i32.or (i32.or (i32.shl (i32.load8_u offset=1 (local.get $value)) (i32.const 24))
                                             (i32.shl (i32.load8_u offset=2 (local.get $value)) (i32.const 16)))
                                     (i32.or (i32.shl (i32.load8_u offset=3 (local.get $value)) (i32.const 8))
                                             (i32.load8_u offset=4 (local.get $value)))))))
        """;

    private const string Hostile = """
        (module
          (func (export "spin") (param i64) (result i64) (loop $forever (br $forever)) (i64.const 0))
          (func (export "boom") (param i64) (result i64) (unreachable)))
        """;

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Fibonacci_Should_Return2971215073For47_KeepingAll64Bits()
    {
        await using WasmSqlConnection db = await OpenAsync();
        await db.ExecuteAsync($"CREATE FUNCTION fibonacci LANGUAGE wasm AS X'{Hex(Fibonacci)}'");

        SqlQueryResult result = await db.QueryAsync("SELECT fibonacci(47), fibonacci(0), fibonacci(90)");

        result.Rows.Should().ContainSingle().Which.Should().Equal(2971215073L, 0L, 2880067194370816120L);
    }

    [Fact]
    public async Task Function_Should_RunPerRow_LikeLibSqlsFibTest()
    {
        await using WasmSqlConnection db = await OpenAsync();
        await db.ExecuteAsync("CREATE TABLE t (id)");
        for (int i = 1; i < 7; i++)
        {
            await db.ExecuteAsync($"INSERT INTO t (id) VALUES ({i})");
        }

        await db.ExecuteAsync($"CREATE FUNCTION fib LANGUAGE wasm AS x'{Hex(RecursiveFib)}'");

        SqlQueryResult result = await db.QueryAsync("SELECT id, fib(id) FROM t ORDER BY id");

        result.Columns.Should().Equal("id", "fib(id)");
        result.Rows.Select(r => (long)r[1]!).Should().Equal(1L, 1L, 2L, 3L, 5L, 8L);
    }

    [Fact]
    public async Task TextBlobAndNull_Should_CrossAsLibSqlTaggedValues_BothWays()
    {
        await using WasmSqlConnection db = await OpenAsync();
        foreach (string name in new[] { "echo", "tag_of", "blob_length" })
        {
            await db.ExecuteAsync($"CREATE FUNCTION {name} LANGUAGE wasm AS X'{Hex(Values)}'");
        }

        SqlQueryResult result = await db.QueryAsync("SELECT echo('héllo'), echo(x'00ff10'), echo(NULL), tag_of('a'), tag_of(x'01'), tag_of(NULL), blob_length(zeroblob(70000))");

        object?[] row = result.Rows.Single();
        row[0].Should().Be("héllo");
        ((byte[])row[1]!).Should().Equal(0x00, 0xff, 0x10);
        row[2].Should().BeNull();
        row[3..].Should().Equal(3L, 4L, 5L, 70000L);
    }

    [Fact]
    public async Task ARunawayFunction_Should_FailItsQueryWhenItsFuelIsUsed_AndLeaveTheConnectionUsable()
    {
        await using WasmSqlConnection db = await OpenAsync(new WasmFunctionOptions { FuelPerCall = 10_000_000 });
        await db.ExecuteAsync($"CREATE FUNCTION spin LANGUAGE wasm AS X'{Hex(Hostile)}'");
        await db.ExecuteAsync($"CREATE FUNCTION fibonacci LANGUAGE wasm AS X'{Hex(Fibonacci)}'");

        Func<Task> runaway = () => db.QueryAsync("SELECT spin(1)").WaitAsync(TimeSpan.FromSeconds(30));

        (await runaway.Should().ThrowAsync<SqliteException>()).Which.Message.Should().Contain("Function 'spin' used all its fuel (10,000,000 per call)");
        (await db.QueryAsync("SELECT fibonacci(10)")).Rows.Single()[0].Should().Be(55L);
        (await runaway.Should().ThrowAsync<SqliteException>()).Which.Message.Should().Contain("used all its fuel");
    }

    [Fact]
    public async Task ATrappingFunction_Should_FailItsQuery_AndLeaveTheConnectionUsable()
    {
        await using WasmSqlConnection db = await OpenAsync();
        await db.ExecuteAsync($"CREATE FUNCTION boom LANGUAGE wasm AS X'{Hex(Hostile)}'");

        Func<Task> trap = () => db.QueryAsync("SELECT boom(1)");

        (await trap.Should().ThrowAsync<SqliteException>()).Which.Message.Should().Contain("boom").And.Contain("trapped");
        (await db.QueryAsync("SELECT 1 + 1")).Rows.Single()[0].Should().Be(2L);
    }

    [Fact]
    public async Task WrongArguments_Should_FailTheQuery_SayingWhichArgumentAndWhy()
    {
        await using WasmSqlConnection db = await OpenAsync();
        await db.ExecuteAsync($"CREATE FUNCTION fibonacci LANGUAGE wasm AS X'{Hex(Fibonacci)}'");

        (await FluentActions.Awaiting(() => db.QueryAsync("SELECT fibonacci('ten')")).Should().ThrowAsync<SqliteException>())
            .Which.Message.Should().Contain("argument 1 is TEXT, but its parameter is i64");
        (await FluentActions.Awaiting(() => db.QueryAsync("SELECT fibonacci(1, 2)")).Should().ThrowAsync<SqliteException>())
            .Which.Message.Should().Contain("takes 1 argument(s), but the query passed 2");
    }

    [Fact]
    public async Task Functions_Should_BeStoredInLibSqlsTable_AndRegisteredAgainOnTheNextOpen()
    {
        string path = Path.Combine(_folder.Path, "functions.db");
        await using (WasmSqlConnection first = await WasmSqlConnection.OpenAsync(path))
        {
            await first.ExecuteAsync($"CREATE FUNCTION fibonacci LANGUAGE wasm AS X'{Hex(Fibonacci)}'");
        }

        await using WasmSqlConnection second = await WasmSqlConnection.OpenAsync(path);
        (await second.QueryAsync("SELECT name FROM libsql_wasm_func_table")).Rows.Single()[0].Should().Be("fibonacci");
        (await second.QueryAsync("SELECT fibonacci(20)")).Rows.Single()[0].Should().Be(6765L);
    }

    [Fact]
    public async Task CreateAndDrop_Should_FollowLibSqlsIfExistsRules()
    {
        await using WasmSqlConnection db = await OpenAsync();
        string create = $"CREATE FUNCTION fibonacci LANGUAGE wasm AS X'{Hex(Fibonacci)}'";
        (await db.ExecuteAsync(create)).Should().Be(1);
        (await FluentActions.Awaiting(() => db.ExecuteAsync(create)).Should().ThrowAsync<WasmFunctionException>()).Which.Message.Should().Contain("already exists");
        (await db.ExecuteAsync($"CREATE FUNCTION IF NOT EXISTS fibonacci LANGUAGE wasm AS X'{Hex(Fibonacci)}'")).Should().Be(0);

        (await db.ExecuteAsync("DROP FUNCTION fibonacci")).Should().Be(1);
        await FluentActions.Awaiting(() => db.QueryAsync("SELECT fibonacci(3)")).Should().ThrowAsync<SqliteException>().WithMessage("*no such function*");
        (await FluentActions.Awaiting(() => db.ExecuteAsync("DROP FUNCTION fibonacci")).Should().ThrowAsync<WasmFunctionException>()).Which.Message.Should().Contain("does not exist");
        (await db.ExecuteAsync("DROP FUNCTION IF EXISTS fibonacci")).Should().Be(0);
        (await db.QueryAsync("SELECT count(*) FROM libsql_wasm_func_table")).Rows.Single()[0].Should().Be(0L);
    }

    [Fact]
    public async Task ATextModuleBody_Should_WorkLikeABinaryOne()
    {
        await using WasmSqlConnection db = await OpenAsync();
        await db.ExecuteAsync($"CREATE FUNCTION fibonacci LANGUAGE wasm AS '{Fibonacci.Replace("'", "''", StringComparison.Ordinal)}'");
        (await db.QueryAsync("SELECT fibonacci(12)")).Rows.Single()[0].Should().Be(144L);
    }

    [Theory]
    [InlineData("CREATE FUNCTION broken LANGUAGE wasm AS X'0061736d01000000ff'", "does not load")]
    [InlineData("CREATE FUNCTION broken LANGUAGE wasm AS X'00'", "does not load")]
    [InlineData("CREATE FUNCTION missing LANGUAGE wasm AS X'0061736d01000000'", "exports no function named 'missing'")]
    public async Task ABadModule_Should_BeRefusedAtCreate_WithAClearError(string sql, string expected)
    {
        await using WasmSqlConnection db = await OpenAsync();

        (await FluentActions.Awaiting(() => db.ExecuteAsync(sql)).Should().ThrowAsync<WasmFunctionException>()).Which.Message.Should().Contain(expected);
        (await db.QueryAsync("SELECT count(*) FROM libsql_wasm_func_table")).Rows.Single()[0].Should().Be(0L);
    }

    [Fact]
    public async Task AnyMixOfParameters_Should_Work_WithOrWithoutAResult()
    {
        await using WasmSqlConnection db = await OpenAsync();
        const string module = """
            (module
              (memory (export "memory") 1)
              (global $next (mut i32) (i32.const 1024))
              (func (export "libsql_malloc") (param $size i32) (result i32)
                (local $at i32)
                (local.set $at (global.get $next))
                (global.set $next (i32.add (global.get $next) (local.get $size)))
                (local.get $at))
              (func (export "scale") (param $n i64) (param $by f64) (result f64) (f64.mul (f64.convert_i64_s (local.get $n)) (local.get $by)))
              (func (export "half") (param $x f64) (result f32) (f32.demote_f64 (f64.div (local.get $x) (f64.const 2))))
              (func (export "answer") (result i64) (i64.const 42))
              (func (export "discard") (param i64))
              (func (export "sum5") (param i64 i64 i64 f64 i32) (result f64)
                (f64.add (f64.convert_i64_s (i64.add (i64.add (local.get 0) (local.get 1)) (local.get 2)))
                         (f64.add (local.get 3) (f64.convert_i32_u (i32.load8_u (local.get 4)))))))
            """;
        foreach (string name in new[] { "scale", "half", "answer", "discard", "sum5" })
        {
            await db.ExecuteAsync($"CREATE FUNCTION {name} LANGUAGE wasm AS X'{Hex(module)}'");
        }

        SqlQueryResult result = await db.QueryAsync("SELECT scale(3, 1.5), half(5.0), answer(), discard(1), sum5(1, 2, 3, 0.5, 'x')");

        result.Rows.Single().Should().Equal(4.5, 2.5, 42L, null, 9.5);
    }

    [Theory]
    [InlineData("""(module (func (export "f") (param f32) (result i64) (i64.const 0)))""", "Function 'f' parameter 1 is f32; libSQL passes INTEGER as i64, REAL as f64, and TEXT, BLOB and NULL as an i32 pointer.")]
    [InlineData("""(module (func (export "f") (result i64 i64) (i64.const 0) (i64.const 0)))""", "Function 'f' returns (i64, i64); a SQL function returns one value")]
    [InlineData("""(module (memory (export "memory") 1) (func (export "f") (param i32) (result i64) (i64.const 0)))""", "Function 'f' takes TEXT, BLOB or NULL (an i32 parameter), so its module must export libsql_malloc(i32) -> i32")]
    [InlineData("""(module (func (export "f") (result i32) (i32.const 0)))""", "Function 'f' passes values through pointers (i32), so its module must export a memory named 'memory'.")]
    public async Task ASignatureOutsideLibSqlsAbi_Should_BeRefusedAtCreate_SayingWhy(string wat, string expected)
    {
        await using WasmSqlConnection db = await OpenAsync();

        (await FluentActions.Awaiting(() => db.ExecuteAsync($"CREATE FUNCTION f LANGUAGE wasm AS X'{Hex(wat)}'")).Should().ThrowAsync<WasmFunctionException>())
            .Which.Message.Should().Contain(expected);
    }

    [Fact]
    public async Task ATextModuleThatDoesNotParse_Should_BeRefusedAtCreate_OnOneLine_WithWhere()
    {
        await using WasmSqlConnection db = await OpenAsync();

        WasmFunctionException refused = (await FluentActions.Awaiting(() => db.ExecuteAsync("CREATE FUNCTION f LANGUAGE wasm AS '(module (func (export \"f\") (result i64) (i64.const 1)) oops)'"))
            .Should().ThrowAsync<WasmFunctionException>()).Which;

        refused.Message.Should().StartWith("The module of function 'f' does not load: ").And.Contain("(line 1, column ").And.NotContain("\n");
    }

    private static string Hex(string wat) => Convert.ToHexString(Module.ConvertText(wat));

    private Task<WasmSqlConnection> OpenAsync(WasmFunctionOptions? options = null) =>
        WasmSqlConnection.OpenAsync(Path.Combine(_folder.Path, Guid.NewGuid().ToString("N") + ".db"), options);
}
