namespace WasGo.Wasm;

/// <summary>An export of a module: its name and type.</summary>
/// <param name="Name">The export name.</param>
/// <param name="Kind">What is exported.</param>
/// <param name="Type">A <see cref="FunctionType"/>, <see cref="TableType"/>, <see cref="MemoryType"/> or <see cref="GlobalType"/>.</param>
public sealed record Export(string Name, ExternKind Kind, object Type);
