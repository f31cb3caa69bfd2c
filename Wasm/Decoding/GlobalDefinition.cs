namespace WasGo.Wasm.Decoding;

/// <summary>A global of the module: its type and, unless imported, its initialiser.</summary>
internal sealed record GlobalDefinition(GlobalType Type, Instruction[]? Initializer, int Position);
