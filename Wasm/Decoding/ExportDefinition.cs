namespace WasGo.Wasm.Decoding;

/// <summary>A decoded export: a name and an index in its kind's index space.</summary>
internal sealed record ExportDefinition(string Name, ExternKind Kind, int Index, int Position);
