namespace WasGo.Host.Http.Modules;

/// <summary>A module just deployed, with what it exports.</summary>
/// <param name="Module">The version stored.</param>
/// <param name="Methods">Its callable methods.</param>
/// <param name="Hooks">Its lifecycle exports.</param>
internal sealed record DeployResponse(ModuleResponse Module, IReadOnlyList<string> Methods, IReadOnlyList<string> Hooks);
