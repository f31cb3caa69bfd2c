using FluentAssertions;

namespace WasGo.Wasm.Tests.Api;

public sealed class LinkProblemTests
{
    [Fact]
    public void FindLinkProblems_Should_NameEveryMissingOrMistypedImport_InImportOrder()
    {
        using var engine = new Engine();
        var linker = new Linker(engine);
        linker.DefineFunction("env", "add", (int a, int b) => a + b);
        linker.DefineFunction("env", "tick", () => { });
        var module = Module.FromBytes(engine, "m", WasGo.Wasm.Text.Wat.Parse("""
            (module
              (import "env" "add" (func (param i64 i64) (result i64)))
              (import "env" "tick" (func))
              (import "env" "missing" (func)))
            """));

        var problems = linker.FindLinkProblems(module);

        problems.Should().HaveCount(2);
        problems[0].Should().Contain("env.add").And.Contain("incompatible import type");
        problems[1].Should().Be("unknown import: env.missing (Function) is not defined");
    }

    [Fact]
    public void FindLinkProblems_Should_BeEmpty_WhenEveryImportLinks()
    {
        using var engine = new Engine();
        var linker = new Linker(engine);
        linker.DefineFunction("env", "tick", () => { });
        var module = Module.FromBytes(engine, "m", WasGo.Wasm.Text.Wat.Parse("""(module (import "env" "tick" (func)))"""));

        linker.FindLinkProblems(module).Should().BeEmpty();
    }
}
