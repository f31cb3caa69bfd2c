namespace WasGo.Scripting;

/// <summary>
/// What a world keeps so that a follower can start at any tick: its newest snapshot (or nothing
/// before its first, at tick 0), and the ticks that applied inputs or had calls stopped, since that
/// snapshot and, for a follower that comes back, further back: since the snapshot the world
/// recovered from, up to <see cref="MaxHistory"/> recorded ticks before its newest snapshot.
/// </summary>
/// <remarks>Not thread-safe: its world's actor owns it.</remarks>
public sealed class InputFeedWindow
{
    /// <summary>The most recorded ticks kept from before the newest snapshot.</summary>
    public const int MaxHistory = 4096;

    private readonly List<InputFeedTick> _history = [];
    private WorldSnapshot? _base;
    private long _earliest;

    /// <summary>Starts the window at the snapshot a world recovered from (null: tick 0); the ticks replayed after it are <see cref="Record"/>ed next.</summary>
    /// <param name="snapshot">The snapshot, or null.</param>
    public void Begin(WorldSnapshot? snapshot)
    {
        _base = snapshot;
        _earliest = snapshot?.Tick ?? 0;
        _history.Clear();
    }

    /// <summary>Moves the window's base to the world's newest snapshot, keeping the ticks before it that it has room for.</summary>
    /// <param name="snapshot">The snapshot.</param>
    public void Rebase(WorldSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _base = snapshot;
        int before = _history.FindIndex(t => t.Tick > snapshot.Tick) is var at && at < 0 ? _history.Count : at;
        if (before > MaxHistory)
        {
            // History stays complete after the newest tick it drops.
            _earliest = _history[before - MaxHistory - 1].Tick;
            _history.RemoveRange(0, before - MaxHistory);
        }
    }

    /// <summary>Keeps a tick the world ran, if it applied inputs or had calls stopped (its digest is not kept).</summary>
    /// <param name="tick">The tick.</param>
    public void Record(InputFeedTick tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        if (tick.IsRecorded)
        {
            _history.Add(tick with { Digest = null });
        }
    }

    /// <summary>Makes the start frame of a follower joining now, or coming back from <paramref name="from"/>.</summary>
    /// <param name="settings">How the world is stepped.</param>
    /// <param name="tick">The world's tick now.</param>
    /// <param name="digest">Its digest now.</param>
    /// <param name="from">The tick a returning follower is at; its history is sent if the window reaches back to it.</param>
    /// <returns>The frame.</returns>
    public InputFeedStart StartAt(InputFeedSettings settings, long tick, byte[] digest, long? from = null)
    {
        long baseTick = _base?.Tick ?? 0;
        long historyFrom = from is long f && f >= _earliest && f < baseTick ? f : baseTick;
        return new(settings, _base, historyFrom, [.. _history.Where(t => t.Tick > historyFrom)], tick, digest);
    }
}
