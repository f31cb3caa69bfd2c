namespace WasGo.Wasm.Decoding;

/// <summary>When an element or data segment is applied.</summary>
internal enum SegmentMode
{
    /// <summary>Copied into a table or memory at instantiation.</summary>
    Active,

    /// <summary>Kept for table.init / memory.init.</summary>
    Passive,

    /// <summary>Only declares function references (elements only).</summary>
    Declarative,
}
