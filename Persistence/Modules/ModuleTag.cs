namespace WasGo.Persistence;

/// <summary>A name and version pointing at stored module bytes.</summary>
/// <param name="Name">The module's name.</param>
/// <param name="Version">Its version; versions of one name are ordered by when they were tagged.</param>
/// <param name="Hash">The content hash of the bytes (lower-case hex SHA-256).</param>
/// <param name="Size">The size of the bytes.</param>
/// <param name="CreatedAt">When the tag was made.</param>
public sealed record ModuleTag(string Name, string Version, string Hash, long Size, DateTimeOffset CreatedAt);
