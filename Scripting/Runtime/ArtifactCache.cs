using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Wasmtime;

namespace WasGo.Scripting;

/// <summary>
/// Compiled modules on disk, so that a restart compiles nothing it compiled before. An artifact is
/// named by the module's content hash, the Wasmtime version and the engine's settings (an artifact
/// of other settings is never looked up), and starts with the SHA-256 of what follows: Wasmtime
/// accepts an artifact with a flipped byte, so one whose checksum does not match is deleted and the
/// module compiled again, never loaded.
/// </summary>
/// <remarks>Thread-safe: an artifact is written to a temporary file and moved into place.</remarks>
internal sealed class ArtifactCache
{
    private readonly string _folder;
    private readonly string _settings;

    public ArtifactCache(string folder, string settings)
    {
        _folder = folder;
        _settings = settings + ";wasmtime " + typeof(Engine).Assembly.GetName().Version;
        Directory.CreateDirectory(folder);
    }

    /// <summary>Loads the artifact of a module, or returns null if there is none that is whole and of these settings.</summary>
    public Module? TryLoad(Engine engine, string hash)
    {
        string path = PathOf(hash);
        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
        }
        catch (IOException)
        {
            return null;
        }

        if (file.Length <= SHA256.HashSizeInBytes || !SHA256.HashData(file.AsSpan(SHA256.HashSizeInBytes)).AsSpan().SequenceEqual(file.AsSpan(0, SHA256.HashSizeInBytes)))
        {
            File.Delete(path); // corrupt: compiled again, and written again
            return null;
        }

        try
        {
            return Module.Deserialize(engine, hash, file.AsSpan(SHA256.HashSizeInBytes));
        }
        catch (WasmtimeException)
        {
            File.Delete(path);
            return null;
        }
    }

    /// <summary>Writes a compiled module's artifact (what <see cref="Module.Serialize"/> made).</summary>
    public void Store(string hash, byte[] artifact)
    {
        string path = PathOf(hash);
        string temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (FileStream file = File.Create(temporary))
        {
            file.Write(SHA256.HashData(artifact));
            file.Write(artifact);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(string hash)
    {
        string key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hash + "\n" + _settings)));
        return Path.Combine(_folder, key + ".cwasm");
    }

    /// <summary>The engine settings an artifact depends on, as one string.</summary>
    public static string SettingsOf(ScriptRuntimeOptions options) => string.Create(
        CultureInfo.InvariantCulture,
        $"nan={options.NaNCanonicalization};stack={options.MaxStackBytes};pages={options.MaxMemoryPages};fuel;epochs;threads=off;relaxed-simd=off");
}
