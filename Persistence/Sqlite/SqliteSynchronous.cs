namespace WasGo.Persistence;

/// <summary>How hard SQLite pushes a commit to the disk (its <c>synchronous</c> setting, in WAL mode).</summary>
public enum SqliteSynchronous
{
    /// <summary>A commit survives a crash of the process, not always a loss of power. SQLite's usual choice in WAL mode.</summary>
    Normal,

    /// <summary>A commit also survives a loss of power: one fsync per group commit.</summary>
    Full,
}
