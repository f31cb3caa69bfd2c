namespace WasGo.Wasm.Text.Script;

/// <summary>How a module is written in a script.</summary>
internal enum WastModuleKind : byte
{
    /// <summary><c>(module ...fields)</c>.</summary>
    Text,

    /// <summary><c>(module binary "...")</c>.</summary>
    Binary,

    /// <summary><c>(module quote "...")</c>.</summary>
    Quote,
}
