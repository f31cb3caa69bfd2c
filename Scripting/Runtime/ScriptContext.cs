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

    public ScriptContext(string entityId, string worldId, StateRow state, Func<double> time, ulong randomSeed, TimeSpan callTimeLimit, long fuelPerCall)
    {
        CallTimeLimit = callTimeLimit;
        FuelPerCall = fuelPerCall;
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
    public WasGo.Wasm.Memory? Memory { get; set; }

    /// <summary>Gets the column names the script used, decoded once.</summary>
    public ColumnNameCache ColumnNames { get; } = new();

    public Func<double> Time { get; }

    /// <summary>Gets how long one call may run.</summary>
    public TimeSpan CallTimeLimit { get; }

    /// <summary>Gets the fuel one call may consume (when the runtime consumes fuel).</summary>
    public long FuelPerCall { get; }

    public IReadOnlyList<ScriptValue> Arguments { get; private set; } = [];

    public ScriptValue? Result { get; set; }

    /// <summary>Gets the index of the argument that is an error (tag 5, only in <c>_reply</c>), or -1.</summary>
    public int ErrorArgument { get; private set; } = -1;

    public List<ScriptValue> Staged { get; } = [];

    public List<Outgoing> Outbox { get; } = [];

    /// <summary>Gets or sets whether the state changed since it was last persisted (its owner clears it when it writes).</summary>
    public bool Dirty { get; set; }

    public void BeginCall(IReadOnlyList<ScriptValue> arguments, int errorArgument = -1)
    {
        Arguments = arguments;
        ErrorArgument = errorArgument;
        Result = null;
        Staged.Clear();
        Outbox.Clear();
        _undo.Clear();
    }

    /// <summary>Puts back every column the call changed and drops its outgoing effects.</summary>
    public void Rollback()
    {
        for (int i = _undo.Count - 1; i >= 0; i--)
        {
            State.TrySet(_undo[i].Name, _undo[i].Old);
        }

        _undo.Clear();
        Outbox.Clear();
        Staged.Clear();
    }

    /// <summary>Replaces the whole state (an entity restarted from what was persisted).</summary>
    public void Reset(StateRow state)
    {
        State = state;
        _undo.Clear();
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

        _undo.Add((name, old));
        Dirty = true;
        return true;
    }
}
