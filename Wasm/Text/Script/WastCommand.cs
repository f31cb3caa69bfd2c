namespace WasGo.Wasm.Text.Script;

/// <summary>One top-level form of a .wast script.</summary>
/// <param name="Name">The head keyword: <c>module</c>, <c>register</c>, <c>assert_return</c>, ...</param>
/// <param name="Line">1-based line of the form.</param>
/// <param name="Module">The module it defines or checks, if any.</param>
/// <param name="Text">The expected message of an assertion (<c>assert_malformed</c>, <c>assert_invalid</c>, ...), if any.</param>
internal sealed record WastCommand(string Name, int Line, WastModule? Module, string? Text);
