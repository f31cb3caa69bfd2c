namespace WasGo.Scripting;

/// <summary>The kinds of value that cross the sandbox, numbered as the ABI's tags.</summary>
public enum ScriptValueKind
{
    /// <summary>No value.</summary>
    Nil = 0,

    /// <summary>A 64-bit signed integer.</summary>
    Integer = 1,

    /// <summary>A 64-bit float.</summary>
    Float = 2,

    /// <summary>UTF-8 text.</summary>
    String = 3,

    /// <summary>Raw bytes.</summary>
    Bytes = 4,
}
