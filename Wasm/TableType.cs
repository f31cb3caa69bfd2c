namespace WasGo.Wasm;

/// <summary>The element type and limits of a table.</summary>
/// <param name="Element">The reference type of the elements (<see cref="ValueKind.FuncRef"/> or <see cref="ValueKind.ExternRef"/>).</param>
/// <param name="Minimum">The initial number of elements.</param>
/// <param name="Maximum">The maximum number of elements, or null for none.</param>
public sealed record TableType(ValueKind Element, long Minimum, long? Maximum);
