using FluentAssertions;
using Wasmtime;

namespace WasGo.Scripting.Tests.Runtime;

public sealed class AbiCheckTests
{
    [Fact]
    public void CheckAbi_Should_AcceptAScript_ThatImportsOnlyWasgo_AndExportsMemory()
    {
        using var runtime = new ScriptRuntime();
        Module module = runtime.Compile("ok", Module.ConvertText("""
            (module
              (import "wasgo" "state_int" (func (param i32 i32) (result i64)))
              (memory (export "memory") 1)
              (func (export "_process") (param f64))
              (func (export "get") (result i64) (i64.const 1)))
            """));

        runtime.CheckAbi(module).Should().BeEmpty();
    }

    [Fact]
    public void CheckAbi_Should_NameEachProblem()
    {
        using var runtime = new ScriptRuntime();
        Module module = runtime.Compile("bad", Module.ConvertText("""
            (module
              (import "env" "print" (func (param i32)))
              (import "wasgo" "state_int" (func (param i32) (result i64)))
              (func (export "_timer") (param i32))
              (func (export "_ready")))
            """));

        IReadOnlyList<string> problems = runtime.CheckAbi(module);

        problems.Should().HaveCount(4);
        problems.Should().Contain(p => p.Contains("import env.print") && p.Contains("only from 'wasgo'"));
        problems.Should().Contain(p => p.Contains("wasgo.state_int") && p.Contains("incompatible import type"));
        problems.Should().Contain(p => p.StartsWith("export memory: missing", StringComparison.Ordinal));
        problems.Should().Contain(p => p.StartsWith("export _timer", StringComparison.Ordinal));
    }
}
