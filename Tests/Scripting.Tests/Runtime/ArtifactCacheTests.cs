using FluentAssertions;
using Wasmtime;

namespace WasGo.Scripting.Tests.Runtime;

public sealed class ArtifactCacheTests : IDisposable
{
    private const string Counter = """
        (module
          (import "wasgo" "state_int" (func $get (param i32 i32) (result i64)))
          (import "wasgo" "state_set_int" (func $set (param i32 i32 i64) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 0) "n")
          (func (export "bump") (result i64) (local $n i64)
            (local.set $n (i64.add (call $get (i32.const 0) (i32.const 1)) (i64.const 1)))
            (drop (call $set (i32.const 0) (i32.const 1) (local.get $n)))
            (local.get $n)))
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wasgo-artifacts-" + Guid.NewGuid().ToString("N"));
    private readonly byte[] _bytes = Module.ConvertText(Counter);

    [Fact]
    public void ARestart_Should_CompileNoModuleItCompiledBefore()
    {
        string hash = Persistence.ModuleHash.Of(_bytes);
        using (var first = new ScriptRuntime(new ScriptRuntimeOptions { ArtifactCachePath = _folder }))
        {
            first.Compile(hash, _bytes);
            first.Compilations.Should().Be(1);
        }

        using var second = new ScriptRuntime(new ScriptRuntimeOptions { ArtifactCachePath = _folder });
        second.Compile(hash, _bytes);

        second.Compilations.Should().Be(0, "the artifact on disk was loaded");
        Bump(second, hash).Should().Be(1, "the loaded module runs");
    }

    [Fact]
    public void ACorruptArtifact_Should_BeCompiledAgain_NeverLoaded()
    {
        string hash = Persistence.ModuleHash.Of(_bytes);
        using (var first = new ScriptRuntime(new ScriptRuntimeOptions { ArtifactCachePath = _folder }))
        {
            first.Compile(hash, _bytes);
        }

        string artifact = Directory.GetFiles(_folder, "*.cwasm").Single();
        byte[] file = File.ReadAllBytes(artifact);
        file[^100] ^= 0x40; // a flipped bit in the compiled code, which Wasmtime itself would accept
        File.WriteAllBytes(artifact, file);

        using var second = new ScriptRuntime(new ScriptRuntimeOptions { ArtifactCachePath = _folder });
        second.Compile(hash, _bytes);

        second.Compilations.Should().Be(1);
        Bump(second, hash).Should().Be(1);
        File.ReadAllBytes(artifact).Should().NotEqual(file, "the artifact was written again");
    }

    [Fact]
    public void AnArtifactOfOtherSettings_Should_NotBeUsed()
    {
        string hash = Persistence.ModuleHash.Of(_bytes);
        using (var canonical = new ScriptRuntime(new ScriptRuntimeOptions { ArtifactCachePath = _folder }))
        {
            canonical.Compile(hash, _bytes);
        }

        using var other = new ScriptRuntime(new ScriptRuntimeOptions { ArtifactCachePath = _folder, NaNCanonicalization = false });
        other.Compile(hash, _bytes);

        other.Compilations.Should().Be(1);
        Directory.GetFiles(_folder, "*.cwasm").Should().HaveCount(2);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static long Bump(ScriptRuntime runtime, string hash)
    {
        using var world = new World(new WorldOptions(), runtime, h => h == hash ? runtime.Compile(hash, []) : null, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        world.Apply(new SpawnInput("e", hash));
        return world.Apply(new CallInput("e", "bump", [])).InputResults[0].Value.AsInteger();
    }
}
