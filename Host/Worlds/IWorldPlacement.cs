namespace WasGo.Host.Worlds;

/// <summary>Where worlds run: every one in this process (a single-node host), or each on the cluster node that owns its shard.</summary>
internal interface IWorldPlacement
{
    /// <summary>Makes sure a world runs and says where to send its messages.</summary>
    /// <param name="record">The world.</param>
    /// <param name="cancellationToken">Cancels waiting for it to start.</param>
    /// <returns>Its address.</returns>
    Task<WorldAddress> PlaceAsync(WorldRecord record, CancellationToken cancellationToken);

    /// <summary>Picks, of <paramref name="worldIds"/>, the worlds whose actors run in this process.</summary>
    /// <param name="worldIds">The worlds to look at.</param>
    /// <param name="cancellationToken">Cancels the look.</param>
    /// <returns>Those running here.</returns>
    Task<IReadOnlyList<string>> RunningHereAsync(IReadOnlyCollection<string> worldIds, CancellationToken cancellationToken);
}
