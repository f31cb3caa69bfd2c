using WasGo.Wasm.DigestRunner;

// usage: DigestRunner <module.wasm>
// Prints the memory digest of the module's "run" in determinism mode (see MemoryDigest).
Console.WriteLine(MemoryDigest.Of(File.ReadAllBytes(args[0])));
