using System.Net;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using WasGo.Host.Tests.Http;
using Wasmtime;

namespace WasGo.Host.Tests.Scripts;

/// <summary>
/// Modules written to break the engine or exhaust the host, deployed, spawned and called through the
/// API: each is refused at the step where it shows (deploy, spawn, call) with its own error, and the
/// host goes on serving an ordinary script afterwards.
/// </summary>
public sealed class HostileModuleTests
{
    public static TheoryData<string> Cases => [.. s_cases.Keys];

    private static readonly Dictionary<string, HostileCase> s_cases = new(StringComparer.Ordinal)
    {
        ["endless loop"] = HostileCase.Called("""(module (func (export "run") (loop $l (br $l))))""", code: "out_of_fuel", message: "used up its fuel"),
        ["deep recursion"] = HostileCase.Called("""(module (func $f (export "run") (call $f)))""", code: "trapped", message: "call stack exhausted"),
        ["mutual recursion through a table"] = HostileCase.Called("""
            (module (type $t (func)) (table 2 funcref) (elem (i32.const 0) $a $b)
              (func $a (export "run") (call_indirect (type $t) (i32.const 1)))
              (func $b (call_indirect (type $t) (i32.const 0))))
            """, code: "trapped", message: "call stack exhausted"),
        ["memory growth"] = HostileCase.Called("""(module (memory 1) (func (export "run") (result i32) (memory.grow (i32.const 1000))))""", value: -1),
        ["table growth"] = HostileCase.Called("""(module (table 1 funcref) (func (export "run") (result i32) (table.grow (ref.null func) (i32.const 10000000))))""", value: -1),
        ["a 4 GiB memory"] = HostileCase.NotSpawned("""(module (memory 65536) (func (export "run")))"""),
        ["an out-of-bounds data segment"] = HostileCase.NotSpawned("""(module (memory 1) (data (i32.const 65535) "ab") (func (export "run")))"""),
        ["deep nesting"] = HostileCase.Called($"(module (func (export \"run\") {string.Concat(Enumerable.Repeat("(block ", 10_000))}{new string(')', 10_000)}))", value: null),
        ["a lying section size"] = HostileCase.NotDeployed([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x64, 0x01, 0x60, 0x00, 0x00], "offset"),
        ["a million nested blocks"] = HostileCase.NotDeployed(NestedBlocks.Module(1_000_000), "took longer than 4.5 s"),
        ["too many locals"] = HostileCase.NotDeployed(Module.ConvertText($"(module (func (export \"run\") (local {string.Join(' ', Enumerable.Repeat("i64", 60_000))})))"), "locals"),
        ["NaN payloads"] = HostileCase.Called("""
            (module (func (export "run") (result i64)
              (i64.reinterpret_f64 (f64.add (f64.const nan:0x4d2) (f64.div (f64.const 0) (f64.const 0))))))
            """, value: 0x7FF8000000000000), // the canonical NaN, whatever payload or sign the processor would make
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AHostileModule_Should_BeRefusedOrStoppedWithItsOwnError_AndTheHostGoOn(string name)
    {
        HostileCase hostile = s_cases[name];
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient admin = host.Client();
        await admin.CreateWorldAsync("w");

        HttpResponseMessage deployed = await admin.PostAsync("/api/modules/hostile", new ByteArrayContent(hostile.Bytes));
        if (hostile.Stage == Stage.Deploy)
        {
            (await deployed.ReadProblemAsync(HttpStatusCode.BadRequest)).Should().Contain(hostile.Expected!);
        }
        else
        {
            deployed.StatusCode.Should().Be(HttpStatusCode.Created, await deployed.Content.ReadAsStringAsync());
            HttpResponseMessage spawned = await admin.PostAsync("/api/worlds/w/entities", ApiClient.Json("""{"id": "h", "module": "hostile"}"""));
            if (hostile.Stage == Stage.Spawn)
            {
                (await spawned.ReadJsonAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString().Should().Be("invalid_module");
            }
            else
            {
                await spawned.ReadJsonAsync(HttpStatusCode.Created);
                HttpResponseMessage called = await admin.CallAsync("w", "h", "run", "[]");
                if (hostile.Expected is { } code)
                {
                    JsonElement problem = await called.ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
                    problem.GetProperty("code").GetString().Should().Be(code);
                    problem.GetProperty("detail").GetString().Should().Contain(hostile.Message);
                }
                else
                {
                    JsonElement value = (await called.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("value");
                    (value.ValueKind == JsonValueKind.Null ? (long?)null : value.GetInt64()).Should().Be(hostile.Value);
                }
            }
        }

        await admin.DeployExampleAsync("counter");
        await admin.SpawnAsync("w", "c", "counter");
        (await (await admin.CallAsync("w", "c", "increment", "[2]")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("value").GetInt64().Should().Be(2, "the host goes on serving");
    }

    [Fact]
    public async Task AModuleWhoseCompileNeedsMoreMemoryThanTheLimit_Should_BeRefusedWithTheReason_AndTheHostGoOn()
    {
        await using TestHost host = await TestHost.StartAsync(settings: ["--WasGo:Sandbox:MaxCompileMemoryBytes=134217728", "--WasGo:Sandbox:MaxCompileTime=00:01:00"]);
        using HttpClient admin = host.Client();

        HttpResponseMessage deployed = await admin.PostAsync("/api/modules/nested", new ByteArrayContent(NestedBlocks.Module(1_000_000)));

        (await deployed.ReadProblemAsync(HttpStatusCode.BadRequest)).Should().Contain("needed more than 128 MiB");
        (await admin.GetAsync("/api/modules/nested/versions")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a refused module is not stored");
        await admin.CreateWorldAsync("w");
        await admin.DeployExampleAsync("counter");
        await admin.SpawnAsync("w", "c", "counter");
        (await (await admin.CallAsync("w", "c", "increment", "[2]")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("value").GetInt64().Should().Be(2, "the host goes on serving");
    }

    private enum Stage
    {
        Deploy,
        Spawn,
        Call,
    }

    /// <summary>A hostile module and where it must be stopped: at deploy (400, the detail containing <see cref="Expected"/>), at spawn (422 invalid_module), or at its call (the error code <see cref="Expected"/>, or the value).</summary>
    private sealed record HostileCase(byte[] Bytes, Stage Stage, string? Expected = null, string? Message = null, long? Value = null)
    {
        public static HostileCase Called(string wat, string? code = null, string? message = null, long? value = null) =>
            new(Module.ConvertText(wat), Stage.Call, code, message, value);

        public static HostileCase NotSpawned(string wat) => new(Module.ConvertText(wat), Stage.Spawn);

        public static HostileCase NotDeployed(byte[] bytes, string reason) => new(bytes, Stage.Deploy, reason);
    }
}
