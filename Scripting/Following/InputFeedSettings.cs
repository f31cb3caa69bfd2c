namespace WasGo.Scripting;

/// <summary>
/// What a follower needs to step a world exactly as its host does: the world's settings that decide
/// what its scripts do (the random seed, the budgets, the fuel), its tick rate at tick 0, and the
/// sandbox's settings that change a script's results (memory and table limits, stack, NaNs). The wall
/// clock's limit is not among them: a follower stops exactly the calls the host's clock stopped.
/// </summary>
/// <param name="WorldId">The world.</param>
/// <param name="TickRate">Its tick rate when it began, at tick 0 (inputs change it later).</param>
/// <param name="RandomSeed">The seed of its entities' random numbers.</param>
/// <param name="MaxMessagesPerTick">Its message budget per tick.</param>
/// <param name="MaxMessagesPerEntityPerTick">Its message budget per entity and tick.</param>
/// <param name="MaxPendingMessages">The most messages waiting.</param>
/// <param name="MaxPendingMessagesPerEntity">The most messages waiting per sender.</param>
/// <param name="MaxTimersPerEntity">The most timers an entity runs.</param>
/// <param name="MaxSignalBytesPerTick">The signal bytes a tick may carry.</param>
/// <param name="MaxSignalBytesPerEntityPerTick">The signal bytes one entity may emit in a tick.</param>
/// <param name="MaxHostBytesPerCall">The host memory one call may make a script use.</param>
/// <param name="FuelPerCall">The fuel of one call.</param>
/// <param name="MaxMemoryPages">The sandbox's linear memory limit, in pages.</param>
/// <param name="MaxTableElements">The sandbox's table limit.</param>
/// <param name="MaxStackBytes">The sandbox's stack limit.</param>
/// <param name="NaNCanonicalization">
/// Whether every NaN is the canonical one. On, digests agree on every processor; off, a world whose
/// scripts make NaNs may digest differently on another architecture than the host's (<see cref="Portable"/>).
/// </param>
public sealed record InputFeedSettings(
    string WorldId,
    double TickRate,
    ulong RandomSeed,
    int MaxMessagesPerTick,
    int MaxMessagesPerEntityPerTick,
    int MaxPendingMessages,
    int MaxPendingMessagesPerEntity,
    int MaxTimersPerEntity,
    int MaxSignalBytesPerTick,
    int MaxSignalBytesPerEntityPerTick,
    long MaxHostBytesPerCall,
    long FuelPerCall,
    long MaxMemoryPages,
    uint MaxTableElements,
    int MaxStackBytes,
    bool NaNCanonicalization)
{
    /// <summary>Gets whether a follower on any processor reaches the host's digests: only with NaNs canonical.</summary>
    public bool Portable => NaNCanonicalization;

    /// <summary>Gets the settings of a world run with <paramref name="world"/> in a sandbox with <paramref name="sandbox"/>.</summary>
    /// <param name="world">The world's options.</param>
    /// <param name="sandbox">The sandbox's options.</param>
    /// <returns>The settings.</returns>
    public static InputFeedSettings Of(WorldOptions world, ScriptRuntimeOptions sandbox)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(sandbox);
        return new(
            world.WorldId,
            world.TickRate,
            world.RandomSeed,
            world.MaxMessagesPerTick,
            world.MaxMessagesPerEntityPerTick,
            world.MaxPendingMessages,
            world.MaxPendingMessagesPerEntity,
            world.MaxTimersPerEntity,
            world.MaxSignalBytesPerTick,
            world.MaxSignalBytesPerEntityPerTick,
            world.MaxHostBytesPerCall,
            world.FuelPerCall,
            sandbox.MaxMemoryPages,
            sandbox.MaxTableElements,
            sandbox.MaxStackBytes,
            sandbox.NaNCanonicalization);
    }

    /// <summary>Gets the world's options as the host runs it.</summary>
    /// <returns>New options.</returns>
    public WorldOptions ToWorldOptions() => new()
    {
        WorldId = WorldId,
        TickRate = TickRate,
        RandomSeed = RandomSeed,
        MaxMessagesPerTick = MaxMessagesPerTick,
        MaxMessagesPerEntityPerTick = MaxMessagesPerEntityPerTick,
        MaxPendingMessages = MaxPendingMessages,
        MaxPendingMessagesPerEntity = MaxPendingMessagesPerEntity,
        MaxTimersPerEntity = MaxTimersPerEntity,
        MaxSignalBytesPerTick = MaxSignalBytesPerTick,
        MaxSignalBytesPerEntityPerTick = MaxSignalBytesPerEntityPerTick,
        MaxHostBytesPerCall = MaxHostBytesPerCall,
        FuelPerCall = FuelPerCall,
    };

    /// <summary>Gets a sandbox's options with the host's limits, and the rest of <paramref name="local"/>'s (caches, compile limits).</summary>
    /// <param name="local">The follower's own sandbox options, or null for the defaults.</param>
    /// <returns>New options.</returns>
    public ScriptRuntimeOptions ToRuntimeOptions(ScriptRuntimeOptions? local = null)
    {
        local ??= new ScriptRuntimeOptions();
        return new ScriptRuntimeOptions
        {
            MaxMemoryPages = MaxMemoryPages,
            MaxTableElements = MaxTableElements,
            MaxStackBytes = MaxStackBytes,
            NaNCanonicalization = NaNCanonicalization,
            SharedMemoryImages = local.SharedMemoryImages,
            ArtifactCachePath = local.ArtifactCachePath,
            MaxCompileTime = local.MaxCompileTime,
            MaxCompileMemoryBytes = local.MaxCompileMemoryBytes,
            EpochInterval = local.EpochInterval,
        };
    }
}
