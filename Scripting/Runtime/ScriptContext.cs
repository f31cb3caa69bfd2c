using System.Text;

namespace WasGo.Scripting;

/// <summary>
/// The host side of one entity's ABI: its identity, its state row, and the registers of the call in
/// progress (arguments, result, staged arguments, outgoing effects, and an undo log so that a call
/// that traps leaves the state as it was).
/// </summary>
/// <remarks>Belongs to one entity, so to one thread at a time.</remarks>
internal sealed class ScriptContext
{
    internal const string RandomColumn = "$rng";
    internal const string NextCallColumn = "$next_call";

    private readonly List<(string Name, ScriptValue Old)> _undo = [];

    // The columns the call in progress changed: only a column's value from before the call is kept to
    // undo it, so a call that writes one column a million times holds one old value, not a million.
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private static readonly HashSet<long> s_noTimers = [];
    private readonly HashSet<long> _timersStarted = [];
    private long _hostBytes;

    public ScriptContext(string entityId, string worldId, StateRow state, Func<double> time, ulong randomSeed, TimeSpan callTimeLimit, long fuelPerCall, long maxHostBytesPerCall = long.MaxValue)
    {
        CallTimeLimit = callTimeLimit;
        FuelPerCall = fuelPerCall;
        MaxHostBytesPerCall = maxHostBytesPerCall;
        EntityId = entityId;
        WorldId = worldId;
        EntityIdUtf8 = Encoding.UTF8.GetBytes(entityId);
        WorldIdUtf8 = Encoding.UTF8.GetBytes(worldId);
        State = state;
        Time = time;
        if (state[RandomColumn].Kind != ScriptValueKind.Integer)
        {
            state.TrySet(RandomColumn, ScriptValue.FromInteger((long)randomSeed));
        }
    }

    public string EntityId { get; }

    public string WorldId { get; }

    public byte[] EntityIdUtf8 { get; }

    public byte[] WorldIdUtf8 { get; }

    public StateRow State { get; private set; }

    /// <summary>Gets or sets the running instance's exported memory, looked up once per instance rather than per import call.</summary>
    public Wasmtime.Memory? Memory { get; set; }

    /// <summary>Gets the column names the script used, decoded once.</summary>
    public ColumnNameCache ColumnNames { get; } = new();

    public Func<double> Time { get; }

    /// <summary>Gets how long one call may run.</summary>
    public TimeSpan CallTimeLimit { get; }

    /// <summary>Gets the fuel one call may consume (when the runtime consumes fuel).</summary>
    public long FuelPerCall { get; }

    /// <summary>Gets the most bytes one call may move through host calls.</summary>
    public long MaxHostBytesPerCall { get; }

    /// <summary>Gets the entity's record of the calls the wall clock stopped in its world's tick.</summary>
    public WallClockOutcomes WallClock { get; } = new();

    /// <summary>Gets whether the call in progress tried to move more than <see cref="MaxHostBytesPerCall"/>: it ends with <c>limit_exceeded</c>.</summary>
    public bool OverHostBytes { get; private set; }

    /// <summary>Gets or sets how many messages the next call may send (its entity's and its world's queues' room); more return -4.</summary>
    public int SendBudget { get; set; } = int.MaxValue;

    /// <summary>Gets or sets how many signal bytes the next call may emit (what is left of its entity's and its world's tick budgets); more return -4.</summary>
    public long SignalBudget { get; set; } = long.MaxValue;

    /// <summary>Gets or sets the ids of the entity's running timers, for the next call's timer budget.</summary>
    public IReadOnlySet<long> RunningTimers { get; set; } = s_noTimers;

    /// <summary>Gets or sets the most timers the entity may have running.</summary>
    public int MaxTimers { get; set; } = int.MaxValue;

    /// <summary>Gets how many messages the call in progress sent.</summary>
    public int SentThisCall { get; private set; }

    /// <summary>Gets how many signal bytes the call in progress emitted.</summary>
    public long SignalBytesThisCall { get; private set; }

    public IReadOnlyList<ScriptValue> Arguments { get; private set; } = [];

    public ScriptValue? Result { get; set; }

    /// <summary>Gets the index of the argument that is an error (tag 5, only in <c>_reply</c>), or -1.</summary>
    public int ErrorArgument { get; private set; } = -1;

    public List<ScriptValue> Staged { get; } = [];

    public List<Outgoing> Outbox { get; } = [];

    public void BeginCall(IReadOnlyList<ScriptValue> arguments, int errorArgument = -1)
    {
        Arguments = arguments;
        ErrorArgument = errorArgument;
        Result = null;
        Staged.Clear();
        Outbox.Clear();
        _undo.Clear();
        _changed.Clear();
        _hostBytes = 0;
        OverHostBytes = false;
        SentThisCall = 0;
        SignalBytesThisCall = 0;
        _timersStarted.Clear();
    }

    /// <summary>Counts a timer the call starts against the entity's timer budget (restarting a running one is free).</summary>
    public bool TryStartTimer(long id)
    {
        if (RunningTimers.Contains(id) || _timersStarted.Contains(id))
        {
            return true;
        }

        if (RunningTimers.Count + _timersStarted.Count >= MaxTimers)
        {
            return false;
        }

        _timersStarted.Add(id);
        return true;
    }

    /// <summary>Counts bytes a host call is about to move for the script.</summary>
    /// <returns>False once the call's budget is spent: the host call moves nothing and the call ends with <c>limit_exceeded</c>.</returns>
    public bool TryMoveHostBytes(int count)
    {
        if (OverHostBytes || _hostBytes + count > MaxHostBytesPerCall)
        {
            OverHostBytes = true;
            return false;
        }

        _hostBytes += count;
        return true;
    }

    /// <summary>Takes one message from the call's send budget.</summary>
    public bool TrySend()
    {
        if (SentThisCall >= SendBudget)
        {
            return false;
        }

        SentThisCall++;
        return true;
    }

    /// <summary>Takes a signal's bytes from the call's signal budget.</summary>
    public bool TryEmitSignal(long bytes)
    {
        if (SignalBytesThisCall + bytes > SignalBudget)
        {
            return false;
        }

        SignalBytesThisCall += bytes;
        return true;
    }

    /// <summary>Puts back every column the call changed and drops its outgoing effects.</summary>
    public void Rollback()
    {
        for (int i = _undo.Count - 1; i >= 0; i--)
        {
            State.TrySet(_undo[i].Name, _undo[i].Old);
        }

        _undo.Clear();
        _changed.Clear();
        Outbox.Clear();
        Staged.Clear();
    }

    /// <summary>Replaces the whole state (an entity restarted from what was persisted).</summary>
    public void Reset(StateRow state)
    {
        State = state;
        _undo.Clear();
        _changed.Clear();
    }

    /// <summary>Sets a column for the script: 0, -2 too large, -3 a bad or reserved name.</summary>
    public int SetColumn(string? name, ScriptValue value)
    {
        if (name is null || name.Length == 0 || name[0] == '$')
        {
            return -3;
        }

        return SetAnyColumn(name, value) ? 0 : -2;
    }

    /// <summary>The next number of the entity's deterministic generator (SplitMix64), its state kept in the row.</summary>
    public long NextRandom()
    {
        ulong state = (ulong)State[RandomColumn].AsInteger() + 0x9E3779B97F4A7C15UL;
        SetAnyColumn(RandomColumn, ScriptValue.FromInteger((long)state));
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (long)(z ^ (z >> 31));
    }

    /// <summary>A new call id, unique for the entity's life (the counter is kept in the row).</summary>
    public long NextCallId()
    {
        ScriptValue stored = State[NextCallColumn];
        long id = stored.Kind == ScriptValueKind.Integer ? stored.AsInteger() + 1 : 1;
        SetAnyColumn(NextCallColumn, ScriptValue.FromInteger(id));
        return id;
    }

    private bool SetAnyColumn(string name, ScriptValue value)
    {
        ScriptValue old = State[name];
        if (!State.TrySet(name, value))
        {
            return false;
        }

        if (_changed.Add(name))
        {
            _undo.Add((name, old));
        }

        return true;
    }
}
