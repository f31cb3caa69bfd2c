namespace WasGo.Wasm;

/// <summary>The value type and mutability of a global.</summary>
/// <param name="Kind">The value type.</param>
/// <param name="Mutable">Whether the global can be set.</param>
public sealed record GlobalType(ValueKind Kind, bool Mutable);
