using System.Security.Cryptography;
using WasGo.Wasm;

namespace WasGo.Wasm.DigestRunner;

/// <summary>Runs a module's "run" export in determinism mode and digests its exported "memory".</summary>
public static class MemoryDigest
{
    /// <summary>Instantiates the module on an engine with NaN canonicalisation, calls "run" and returns the hex SHA-256 of "memory".</summary>
    public static string Of(byte[] module)
    {
        using var engine = new Engine(new Config().WithNaNCanonicalization(true));
        using var store = new Store(engine);
        Instance instance = new Linker(engine).Instantiate(store, Module.FromBytes(engine, "digest", module));
        instance.GetAction("run")!();
        Memory memory = instance.GetMemory("memory")!;
        return Convert.ToHexString(SHA256.HashData(memory.GetSpan(0, (int)memory.Length)));
    }
}
