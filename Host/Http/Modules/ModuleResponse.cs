using WasGo.Persistence;

namespace WasGo.Host.Http.Modules;

/// <summary>A deployed version of a module.</summary>
/// <param name="Name">The module's name.</param>
/// <param name="Version">The version.</param>
/// <param name="Hash">The SHA-256 of its bytes.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="CreatedAt">When it was deployed.</param>
internal sealed record ModuleResponse(string Name, string Version, string Hash, long Size, DateTimeOffset CreatedAt)
{
    public static ModuleResponse From(ModuleTag tag) => new(tag.Name, tag.Version, tag.Hash, tag.Size, tag.CreatedAt);
}
