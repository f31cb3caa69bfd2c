using System.Globalization;
using Microsoft.Extensions.Logging;
using Wasmtime;

namespace WasGo.Scripting;

/// <summary>
/// A copy of a host's world that steps on the host's inputs: built from an input feed's
/// <see cref="InputFeedStart"/> and stepped by its <see cref="InputFeedTick"/>s, with the same world
/// logic the host uses and the wall clock off (the calls the host's clock stopped are stopped again).
/// Its digests are the host's as long as the modules and inputs are.
/// </summary>
/// <remarks>Not thread-safe: step it from one caller at a time.</remarks>
public sealed class WorldReplica : IDisposable
{
    private readonly World _world;
    private readonly Func<string, CancellationToken, Task<Module>> _modules;
    private readonly Dictionary<string, Module> _loaded;

    private WorldReplica(World world, Func<string, CancellationToken, Task<Module>> modules, Dictionary<string, Module> loaded)
    {
        _world = world;
        _modules = modules;
        _loaded = loaded;
    }

    /// <summary>Gets the replica's world.</summary>
    public World World => _world;

    /// <summary>Gets the tick the replica has completed.</summary>
    public long Tick => _world.Tick;

    /// <summary>
    /// Builds the replica at the start frame's base and steps it through the recorded ticks up to the
    /// frame's tick. Whether it agrees there is the caller's to check (<see cref="World.Digest"/>
    /// against <see cref="InputFeedStart.Digest"/>).
    /// </summary>
    /// <param name="start">The feed's start frame.</param>
    /// <param name="runtime">A runtime with the start frame's sandbox settings (<see cref="InputFeedSettings.ToRuntimeOptions"/>).</param>
    /// <param name="modules">Compiles the module of a content hash (the replica asks once per hash).</param>
    /// <param name="logger">Where scripts' log lines go.</param>
    /// <param name="cancellationToken">Stops the catch-up.</param>
    /// <returns>The replica at the start frame's tick.</returns>
    public static async Task<WorldReplica> StartAsync(InputFeedStart start, ScriptRuntime runtime, Func<string, CancellationToken, Task<Module>> modules, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(modules);
        var loaded = new Dictionary<string, Module>(StringComparer.Ordinal);
        foreach (string hash in start.Base?.ModuleHashes ?? [])
        {
            loaded[hash] = await modules(hash, cancellationToken).ConfigureAwait(false);
        }

        WorldOptions options = start.Settings.ToWorldOptions();
        World world = start.Base is null
            ? new World(options, runtime, hash => loaded.GetValueOrDefault(hash), logger)
            : World.Restore(start.Base, options, runtime, hash => loaded.GetValueOrDefault(hash), logger);
        var replica = new WorldReplica(world, modules, loaded);
        try
        {
            foreach (InputFeedTick tick in start.Since.Where(t => t.Tick > start.BaseTick))
            {
                await replica.StepAsync(tick, cancellationToken).ConfigureAwait(false);
            }

            await replica.StepEmptyToAsync(start.Tick + 1, cancellationToken).ConfigureAwait(false);
            return replica;
        }
        catch
        {
            replica.Dispose();
            throw;
        }
    }

    /// <summary>Steps the ticks between the replica's and <paramref name="tick"/>'s (with no inputs), then that tick with its inputs.</summary>
    /// <param name="tick">The host's tick; its number must be past the replica's.</param>
    /// <param name="cancellationToken">Stops the steps between.</param>
    /// <returns>What the tick did; its digest is the replica's.</returns>
    /// <exception cref="ArgumentException">The tick is not past the replica's.</exception>
    public async Task<TickResult> StepAsync(InputFeedTick tick, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tick);
        if (tick.Tick <= _world.Tick)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Tick {tick.Tick} is not past the replica's tick {_world.Tick}."), nameof(tick));
        }

        await StepEmptyToAsync(tick.Tick, cancellationToken).ConfigureAwait(false);
        foreach (SpawnInput spawn in tick.Inputs.OfType<SpawnInput>())
        {
            if (!_loaded.ContainsKey(spawn.ModuleHash))
            {
                _loaded[spawn.ModuleHash] = await _modules(spawn.ModuleHash, cancellationToken).ConfigureAwait(false);
            }
        }

        return await _world.StepAsync(tick.Inputs, tick.TimedOutCalls).ConfigureAwait(false);
    }

    /// <summary>
    /// Carries the replica on to a later start frame's tick (the feed began again: the host
    /// restarted, the world moved): the frame's recorded ticks past the replica's, then empty ones.
    /// Whether it agrees there is the caller's to check, as after <see cref="StartAsync"/>.
    /// </summary>
    /// <param name="start">The new start frame; its window must reach back to the replica's tick (<see cref="CanCatchUp"/>).</param>
    /// <param name="cancellationToken">Stops the catch-up.</param>
    /// <returns>A task that completes at the frame's tick.</returns>
    /// <exception cref="ArgumentException">The frame's window does not reach back to the replica's tick.</exception>
    public async Task CatchUpAsync(InputFeedStart start, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (!CanCatchUp(start))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The feed's history (ticks {start.HistoryFrom} to {start.Tick}) does not reach back to the replica's tick {_world.Tick}."), nameof(start));
        }

        foreach (InputFeedTick tick in start.Since.Where(t => t.Tick > _world.Tick))
        {
            await StepAsync(tick, cancellationToken).ConfigureAwait(false);
        }

        await StepEmptyToAsync(start.Tick + 1, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets whether a start frame's history covers the replica's tick, so that <see cref="CatchUpAsync"/> can carry it on.</summary>
    /// <param name="start">The start frame.</param>
    /// <returns>Whether it can.</returns>
    public bool CanCatchUp(InputFeedStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return start.HistoryFrom <= _world.Tick && _world.Tick <= start.Tick;
    }

    /// <inheritdoc />
    public void Dispose() => _world.Dispose();

    /// <summary>Steps empty ticks up to, not including, <paramref name="tick"/>.</summary>
    private async Task StepEmptyToAsync(long tick, CancellationToken cancellationToken)
    {
        while (_world.Tick + 1 < tick)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await _world.StepAsync([], []).ConfigureAwait(false);
        }
    }
}
