namespace WasGo.Wasm;

/// <summary>An import of a module: where it comes from and what type it must have.</summary>
/// <param name="ModuleName">The module name of the import.</param>
/// <param name="Name">The field name of the import.</param>
/// <param name="Kind">What is imported.</param>
/// <param name="Type">A <see cref="FunctionType"/>, <see cref="TableType"/>, <see cref="MemoryType"/> or <see cref="GlobalType"/>.</param>
public sealed record Import(string ModuleName, string Name, ExternKind Kind, object Type);
