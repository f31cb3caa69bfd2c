using FluentAssertions;
using WasGo.Host.Commands;
using WasGo.Host.Demo;
using WasGo.Persistence;
using WasGo.Scripting;
using Wasmtime;

namespace WasGo.Host.Tests.Sandbox;

/// <summary>
/// The compiler process a host compiles modules in (<c>wasgo compile-module</c>): what it compiles
/// runs as if compiled in the host, what it refuses is refused with the same reason, and a process
/// that runs too long or fails is the module's refusal, never the host's failure.
/// </summary>
public sealed class CompilerProcessTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AModuleCompiledInTheCompilerProcess_Should_LoadIntoTheHostsEngine_WithItsSettings(bool nanCanonicalization)
    {
        using var runtime = new ScriptRuntime(new ScriptRuntimeOptions { NaNCanonicalization = nanCanonicalization }, compiler: CompileModuleCommand.CompilerProcess());
        byte[] counter = ExampleModules.Read("counter");

        Module module = await runtime.CompileAsync(ModuleHash.Of(counter), counter);

        module.Exports.Select(static e => e.Name).Should().Contain(["increment", "memory"]);
        runtime.CheckAbi(module).Should().BeEmpty();
    }

    [Fact]
    public async Task AnInvalidModule_Should_BeRefusedByTheCompilerProcess_WithTheReasonCompilingHereGives()
    {
        byte[] invalid = Module.ConvertText("""(module (func (export "run") (result i32) (i64.const 1)))""");
        using var here = new ScriptRuntime();
        using var isolated = new ScriptRuntime(compiler: CompileModuleCommand.CompilerProcess());

        string reasonHere = FluentActions.Invoking(() => here.Compile("m", invalid)).Should().Throw<ModuleCompileException>().Which.Message;
        ModuleCompileException refused = (await FluentActions.Awaiting(() => isolated.CompileAsync("m", invalid)).Should().ThrowAsync<ModuleCompileException>()).Which;

        refused.Message.Should().Be(reasonHere).And.Contain("type mismatch");
    }

    [Fact]
    public async Task ACompilerProcessThatRunsPastTheTimeLimit_Should_BeKilled_AndTheModuleRefused()
    {
        using var runtime = new ScriptRuntime(
            new ScriptRuntimeOptions { MaxCompileTime = TimeSpan.FromMilliseconds(300) },
            compiler: new CompilerProcess(["sh", "-c", "sleep 60", "sh"]));

        ModuleCompileException refused = (await FluentActions.Awaiting(() => runtime.CompileAsync("m", [0x00, 0x61, 0x73, 0x6D])).Should().ThrowAsync<ModuleCompileException>()).Which;

        refused.Message.Should().Contain("took longer than 0.3 s");
    }

    [Fact]
    public async Task ACompilerProcessThatFails_Should_RefuseTheModule_WithWhatItPrinted()
    {
        using var runtime = new ScriptRuntime(compiler: new CompilerProcess(["sh", "-c", "cat > /dev/null; echo 'thread panicked' >&2; exit 101", "sh"]));

        ModuleCompileException refused = (await FluentActions.Awaiting(() => runtime.CompileAsync("m", [0x00, 0x61, 0x73, 0x6D])).Should().ThrowAsync<ModuleCompileException>()).Which;

        refused.Message.Should().Be("the compiler process failed on it (exit code 101): thread panicked");
    }

    [Fact]
    public async Task ARefusedModule_Should_BeCompiledAgainOnTheNextTry_NotRememberedAsRefused()
    {
        string marker = Path.Combine(Path.GetTempPath(), "wasgo-compiler-" + Guid.NewGuid().ToString("N"));
        IReadOnlyList<string> compiler = CompileModuleCommand.CompilerProcess().Command;
        try
        {
            // Fails the first time (no marker yet), then hands over to the real compiler.
            using var runtime = new ScriptRuntime(compiler: new CompilerProcess(["sh", "-c", $"if [ -e {marker} ]; then exec \"$@\"; fi; touch {marker}; exit 1", "sh", .. compiler]));
            byte[] counter = ExampleModules.Read("counter");

            await FluentActions.Awaiting(() => runtime.CompileAsync("c", counter)).Should().ThrowAsync<ModuleCompileException>();
            (await runtime.CompileAsync("c", counter)).Exports.Should().NotBeEmpty();
        }
        finally
        {
            File.Delete(marker);
        }
    }
}
