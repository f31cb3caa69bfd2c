using WasGo.Scripting;

namespace WasGo.Host.Http.Entities;

/// <summary>An entity's state row.</summary>
/// <param name="Id">The entity's id.</param>
/// <param name="Module">The name of the module it runs (its content hash if no name points at it).</param>
/// <param name="Columns">Its script's columns.</param>
internal sealed record EntityResponse(string Id, string Module, IReadOnlyDictionary<string, ScriptValue> Columns);
