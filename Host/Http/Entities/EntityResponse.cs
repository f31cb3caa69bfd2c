using WasGo.Scripting;

namespace WasGo.Host.Http.Entities;

/// <summary>An entity's state row.</summary>
/// <param name="Id">The entity's id.</param>
/// <param name="Columns">Its script's columns.</param>
internal sealed record EntityResponse(string Id, IReadOnlyDictionary<string, ScriptValue> Columns);
