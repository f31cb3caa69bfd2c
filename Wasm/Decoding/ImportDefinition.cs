namespace WasGo.Wasm.Decoding;

/// <summary>A decoded import; <see cref="Index"/> is the index in its kind's index space.</summary>
internal sealed record ImportDefinition(string ModuleName, string Name, ExternKind Kind, int Index, object Type);
