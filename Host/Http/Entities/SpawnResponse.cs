using WasGo.Host.Http.Modules;
using WasGo.Scripting;

namespace WasGo.Host.Http.Entities;

/// <summary>A spawned entity: its state row after the tick that ran its <c>_ready</c>, and what it runs.</summary>
/// <param name="Id">The entity's id.</param>
/// <param name="World">The world it was spawned in.</param>
/// <param name="Module">
/// The module version it runs: the module's newest as the spawn was applied; null when a deploy of
/// that module raced the spawn, so that which version the world took is not known here.
/// </param>
/// <param name="Columns">Its script's columns; empty when its <c>_ready</c> set none.</param>
internal sealed record SpawnResponse(string Id, string World, ModuleResponse? Module, IReadOnlyDictionary<string, ScriptValue> Columns);
