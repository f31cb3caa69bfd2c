using System.Text.Json;

namespace WasGo.Benchmarks.Wasm;

/// <summary>The programs of <c>../shared/bench/wasm</c>: their sizes and recorded checksums.</summary>
public sealed class BenchmarkSuite
{
    private readonly JsonElement _manifest;

    private BenchmarkSuite(string directory, JsonElement manifest)
    {
        Directory = directory;
        _manifest = manifest;
    }

    /// <summary>Gets the folder holding <c>benchmarks.json</c>, the C sources and <c>out/wasm</c>.</summary>
    public string Directory { get; }

    public IEnumerable<string> Names => _manifest.GetProperty("benchmarks").EnumerateObject().Select(p => p.Name);

    /// <summary>Finds <c>../shared/bench/wasm</c> beside the repository that holds this program.</summary>
    public static BenchmarkSuite Locate()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WasGo.Actors.sln")))
            {
                string suite = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "bench", "wasm"));
                string manifest = Path.Combine(suite, "benchmarks.json");
                if (!File.Exists(manifest))
                {
                    throw new FileNotFoundException($"The wasm benchmark suite is not at {suite}; ../shared must sit beside the repository.", manifest);
                }

                return new BenchmarkSuite(suite, JsonDocument.Parse(File.ReadAllText(manifest)).RootElement.Clone());
            }
        }

        throw new DirectoryNotFoundException("WasGo.Actors.sln was not found above " + AppContext.BaseDirectory);
    }

    public int Size(string name, string size) => _manifest.GetProperty("benchmarks").GetProperty(name).GetProperty(size).GetInt32();

    public uint? ExpectedChecksum(string name, int n) =>
        _manifest.TryGetProperty("checksums", out JsonElement all) && all.TryGetProperty(name, out JsonElement byN) && byN.TryGetProperty(n.ToString(System.Globalization.CultureInfo.InvariantCulture), out JsonElement value)
            ? value.GetUInt32()
            : null;

    public string WasmPath(string name) => Path.Combine(Directory, "out", "wasm", name + ".wasm");
}
