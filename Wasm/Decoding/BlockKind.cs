namespace WasGo.Wasm.Decoding;

/// <summary>How a block's type is given in the binary.</summary>
internal enum BlockKind
{
    /// <summary>No parameters, no results.</summary>
    Empty,

    /// <summary>No parameters, one result of a value type.</summary>
    Value,

    /// <summary>A type index: parameters and results from the type section.</summary>
    TypeIndex,
}
