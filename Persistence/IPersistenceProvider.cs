namespace WasGo.Persistence;

/// <summary>
/// One database with every store on it: what a host opens once and shares. SQLite for a single
/// node, PostgreSQL for a cluster; both pass the same contract tests.
/// </summary>
/// <remarks>Thread-safe. Dispose it to flush pending writes and close connections.</remarks>
public interface IPersistenceProvider : IAsyncDisposable
{
    /// <summary>Gets the module store.</summary>
    IModuleStore Modules { get; }

    /// <summary>Gets the world list.</summary>
    IWorldList Worlds { get; }
}
