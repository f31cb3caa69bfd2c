using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Wasmtime;

namespace WasGo.Scripting.Tests.Runtime;

/// <summary>
/// How an instance's memory gets its module's data: copied in by default, mapped from Wasmtime's
/// shared copy-on-write image only when <see cref="ScriptRuntimeOptions.SharedMemoryImages"/> is on.
/// The images are the memfd mappings Wasmtime names <c>wasm-memory-image</c>, seen in this process's maps.
/// </summary>
public sealed class MemoryImageTests
{
    private const string WithData = """
        (module
          (memory (export "memory") 1)
          (data (i32.const 0) "a script's constants")
          (func (export "_ready")))
        """;

    [Fact]
    public void ByDefault_AnInstance_Should_HaveItsDataCopiedIn_NotMappedFromASharedImage()
    {
        using var runtime = new ScriptRuntime();

        int mapped = ImagesMappedBy(runtime, entities: 3);

        mapped.Should().Be(0);
    }

    [Fact]
    public void WithSharedImages_EachInstance_Should_MapTheModulesImage()
    {
        using var runtime = new ScriptRuntime(new ScriptRuntimeOptions { SharedMemoryImages = true });

        int mapped = ImagesMappedBy(runtime, entities: 3);

        mapped.Should().BeGreaterThanOrEqualTo(3);
    }

    /// <summary>How many more image mappings the process has with <paramref name="entities"/> instances alive than before.</summary>
    private static int ImagesMappedBy(ScriptRuntime runtime, int entities)
    {
        byte[] bytes = Module.ConvertText(WithData);
        string hash = Persistence.ModuleHash.Of(bytes);
        Module module = runtime.Compile(hash, bytes);
        int before = ImageMappings();
        using var world = new World(new WorldOptions(), runtime, h => h == hash ? module : null, NullLogger.Instance);
        for (int i = 0; i < entities; i++)
        {
            world.Apply(new SpawnInput($"e{i}", hash)).InputResults[0].IsSuccess.Should().BeTrue();
        }

        return ImageMappings() - before;
    }

    private static int ImageMappings() => File.ReadLines("/proc/self/maps").Count(line => line.Contains("wasm-memory-image", StringComparison.Ordinal));
}
