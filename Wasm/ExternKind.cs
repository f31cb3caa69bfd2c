namespace WasGo.Wasm;

/// <summary>What an import or export is.</summary>
public enum ExternKind : byte
{
    /// <summary>A function.</summary>
    Function,

    /// <summary>A table.</summary>
    Table,

    /// <summary>A linear memory.</summary>
    Memory,

    /// <summary>A global variable.</summary>
    Global,
}
