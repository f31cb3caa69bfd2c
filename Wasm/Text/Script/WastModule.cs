namespace WasGo.Wasm.Text.Script;

/// <summary>A <c>(module ...)</c> form in a script.</summary>
/// <param name="Kind">Text, binary or quote.</param>
/// <param name="Source">The form's text, from <c>(</c> to <c>)</c>.</param>
/// <param name="Line">1-based line of the form.</param>
/// <param name="Column">1-based column of the form.</param>
internal sealed record WastModule(WastModuleKind Kind, string Source, int Line, int Column)
{
    /// <summary>Converts the module to binary (text and quote modules are parsed, binary ones concatenated).</summary>
    /// <exception cref="WatException">The module is malformed.</exception>
    public byte[] ToBinary() => Wat.Parse(Source);
}
