namespace WasGo.Host.Demo;

/// <summary>
/// The SDK's example scripts, compiled from <c>Sdk/c/examples</c> by <c>scripts/examples.sh</c> and
/// embedded in <c>wasgo</c>, so that a fresh machine runs the demo world without a C toolchain.
/// </summary>
internal static class ExampleModules
{
    /// <summary>The examples' names, as they are deployed.</summary>
    public static IReadOnlyList<string> Names { get; } = ["counter", "door", "npc", "pet"];

    /// <summary>Reads an example's bytes.</summary>
    /// <exception cref="ArgumentException">There is no such example.</exception>
    public static byte[] Read(string name)
    {
        using Stream stream = typeof(ExampleModules).Assembly.GetManifestResourceStream($"WasGo.Host.Examples.{name}.wasm")
            ?? throw new ArgumentException($"There is no example module '{name}'; the examples are {string.Join(", ", Names)}.", nameof(name));
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
