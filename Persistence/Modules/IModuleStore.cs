namespace WasGo.Persistence;

/// <summary>
/// WebAssembly modules stored by content: the same bytes are stored once under their SHA-256, and
/// names with versions point at them.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public interface IModuleStore
{
    /// <summary>Stores module bytes (once) and tags them with a name and version.</summary>
    /// <param name="name">The module's name.</param>
    /// <param name="version">Its version; a name and version, once tagged, always mean the same bytes.</param>
    /// <param name="bytes">The module.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The tag.</returns>
    /// <exception cref="InvalidOperationException">That name and version already point at other bytes.</exception>
    Task<ModuleTag> PutAsync(string name, string version, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default);

    /// <summary>Reads module bytes by content hash.</summary>
    /// <param name="hash">The lower-case hex SHA-256.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes, or <see langword="null"/> if unknown.</returns>
    Task<byte[]?> GetAsync(string hash, CancellationToken cancellationToken = default);

    /// <summary>Finds a version of a module: the one named, or the newest.</summary>
    /// <param name="name">The module's name.</param>
    /// <param name="version">The version, or <see langword="null"/> for the newest.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The tag, or <see langword="null"/> if unknown.</returns>
    Task<ModuleTag?> ResolveAsync(string name, string? version = null, CancellationToken cancellationToken = default);

    /// <summary>Lists every tag, by name, oldest version first.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The tags.</returns>
    Task<IReadOnlyList<ModuleTag>> ListAsync(CancellationToken cancellationToken = default);
}
