namespace WasGo.Wasm.Compilation;

/// <summary>The engine settings that change the code generated for a function.</summary>
/// <param name="MaxCallDepth">The call depth past which a call traps.</param>
/// <param name="ConsumesFuel">Whether basic blocks charge fuel.</param>
/// <param name="CanonicalizesNaNs">Whether float results that may be NaN are replaced by the canonical NaN.</param>
internal readonly record struct CodeGeneration(int MaxCallDepth, bool ConsumesFuel, bool CanonicalizesNaNs);
