namespace WasGo.Actors.Worlds;

/// <summary>
/// Where a world's actor leaves why Akka.Persistence stops it (a journal write or read failed),
/// for its parent to read when it learns that the world terminated. A message to the parent could
/// arrive after that notice, which Akka delivers first; a failure it stops for is not thrown, so
/// the parent's supervisor never sees it either.
/// </summary>
/// <remarks>Thread-safe: written by the world's actor, read by its parent.</remarks>
public sealed class WorldFailureNote
{
    private WorldFailed? _failed;

    /// <summary>Gets the failure the world stopped for, if it stopped for one.</summary>
    public WorldFailed? Failed => Volatile.Read(ref _failed);

    /// <summary>Notes the failure the world stops for.</summary>
    /// <param name="failed">The failure.</param>
    internal void Note(WorldFailed failed) => Volatile.Write(ref _failed, failed);
}
