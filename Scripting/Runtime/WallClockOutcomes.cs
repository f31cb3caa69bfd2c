namespace WasGo.Scripting;

/// <summary>
/// Which calls of an entity's tick the wall clock stopped. Fuel decides the same on every machine;
/// the wall clock does not. So a live tick numbers every call an entity runs and notes the ones the
/// clock stopped; the world records them in its journal before it tells anyone the outcome, and
/// a replay of the tick runs with the clock off and stops exactly the recorded calls again, instead
/// of deciding a second time what clients were already told. Calls are numbered per entity, as an
/// entity's calls run in one order on every machine while entities run in parallel.
/// </summary>
/// <remarks>Belongs to one entity, so to one thread at a time.</remarks>
internal sealed class WallClockOutcomes
{
    private readonly List<int> _stopped = [];
    private IReadOnlyList<int>? _recorded;
    private int _next;

    /// <summary>Gets whether the wall clock may stop calls now (a live tick), rather than only the recorded ones (a replay).</summary>
    public bool IsLive => _recorded is null;

    /// <summary>Gets the numbers of the calls the wall clock stopped in this live tick, in order.</summary>
    public IReadOnlyList<int> Stopped => _stopped;

    /// <summary>Starts numbering a tick's calls from 0.</summary>
    /// <param name="recorded">For a replay, the calls the clock stopped when the tick ran live; null for a live tick.</param>
    public void BeginTick(IReadOnlyList<int>? recorded)
    {
        _recorded = recorded;
        _next = 0;
        _stopped.Clear();
    }

    /// <summary>Numbers the next call.</summary>
    /// <param name="call">Its number in the tick.</param>
    /// <returns>Whether a replay must stop it, as the wall clock did when the tick ran live.</returns>
    public bool Next(out int call)
    {
        call = _next++;
        return _recorded is not null && _recorded.Contains(call);
    }

    /// <summary>Forgets the stops noted so far (the world has taken them), numbering on.</summary>
    public void ClearStopped() => _stopped.Clear();

    /// <summary>Notes that the wall clock stopped a call of this live tick.</summary>
    public void RecordStopped(int call) => _stopped.Add(call);
}
