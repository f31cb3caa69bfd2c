namespace WasGo.Wasm.Text.Parsing;

/// <summary>What follows an instruction's name in the text, and how it is encoded.</summary>
internal enum ImmediateKind : byte
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary><c>block</c>, <c>loop</c>, <c>if</c>: optional label and block type.</summary>
    Block,

    /// <summary><c>else</c>: optional label, closes the then-branch.</summary>
    Else,

    /// <summary><c>end</c>: optional label, closes a block.</summary>
    End,

    /// <summary>A label index.</summary>
    Label,

    /// <summary>One or more label indices.</summary>
    BrTable,

    /// <summary>A function index.</summary>
    Function,

    /// <summary>An optional table index and a type use.</summary>
    CallIndirect,

    /// <summary>A local index.</summary>
    Local,

    /// <summary>A global index.</summary>
    Global,

    /// <summary>A table index, 0 when absent.</summary>
    Table,

    /// <summary>A memory argument (<c>offset=</c>, <c>align=</c>); the natural alignment is in the table.</summary>
    MemArg,

    /// <summary>A memory index, encoded as one byte 0 (memory.size, memory.grow, memory.fill).</summary>
    Memory,

    /// <summary>A data index then memory 0.</summary>
    MemoryInit,

    /// <summary>A data index.</summary>
    Data,

    /// <summary>Two memory indices (both 0).</summary>
    MemoryCopy,

    /// <summary>An optional table index then an element index.</summary>
    TableInit,

    /// <summary>An element index.</summary>
    Elem,

    /// <summary>Two optional table indices (destination, source).</summary>
    TableCopy,

    /// <summary>A 32-bit integer.</summary>
    I32,

    /// <summary>A 64-bit integer.</summary>
    I64,

    /// <summary>A 32-bit float.</summary>
    F32,

    /// <summary>A 64-bit float.</summary>
    F64,

    /// <summary>An optional <c>(result t*)</c>: typed select when present.</summary>
    Select,

    /// <summary>A heap type (<c>func</c> or <c>extern</c>).</summary>
    RefNull,
}
