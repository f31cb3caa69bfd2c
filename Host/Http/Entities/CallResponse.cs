using WasGo.Scripting;

namespace WasGo.Host.Http.Entities;

/// <summary>What a method returned.</summary>
/// <param name="Value">The value.</param>
internal sealed record CallResponse(ScriptValue Value);
