using WasGo.Host.Http.Modules;
using WasGo.Scripting;

namespace WasGo.Host.Http.Entities;

/// <summary>A spawned entity: its state row after the tick that ran its <c>_ready</c>, and what it runs.</summary>
/// <param name="Id">The entity's id.</param>
/// <param name="World">The world it was spawned in.</param>
/// <param name="Module">
/// The module version it runs: the newest version of the module with the bytes the world took; null
/// only if the entity was removed and spawned again on other bytes before this was read.
/// </param>
/// <param name="Columns">Its script's columns; empty when its <c>_ready</c> set none.</param>
internal sealed record SpawnResponse(string Id, string World, ModuleResponse? Module, IReadOnlyDictionary<string, ScriptValue> Columns);
