using System.Security.Cryptography;
using WasGo.Wasm;

// usage: DigestRunner <module.wasm>
// Instantiates the module on an engine with NaN canonicalisation, calls its "run" export and prints
// the hex SHA-256 of its exported "memory".
using var engine = new Engine(new Config().WithNaNCanonicalization(true));
using var store = new Store(engine);
Module module = Module.FromBytes(engine, "digest", File.ReadAllBytes(args[0]));
Instance instance = new Linker(engine).Instantiate(store, module);
instance.GetAction("run")!();
Memory memory = instance.GetMemory("memory")!;
Console.WriteLine(Convert.ToHexString(SHA256.HashData(memory.GetSpan(0, (int)memory.Length))));
