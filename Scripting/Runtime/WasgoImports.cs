using System.Text;
using Wasmtime;

namespace WasGo.Scripting;

/// <summary>
/// The <c>wasgo</c> imports of ABI v1, defined once on a shared linker. Each host function finds
/// the calling entity's <see cref="ScriptContext"/> in the caller's store (its data), and
/// checks every pointer range against the entity's memory: a bad range is an error result, never a
/// host crash. The values a call moves in and out are counted against its host-byte budget, and
/// its messages and signals against its world's budgets: past one, the import returns
/// <see cref="BudgetSpent"/> (or, for bytes, moves nothing and the call ends with <c>limit_exceeded</c>).
/// </summary>
internal static class WasgoImports
{
    public const string ModuleName = "wasgo";

    /// <summary>The tag of an error argument: only in <c>_reply</c>, read like a string.</summary>
    public const int ErrorTag = 5;

    /// <summary>What <c>send</c>, <c>call</c> and <c>emit</c> return when a budget of the tick is spent (a queue is full, or the signal bytes are used up).</summary>
    public const int BudgetSpent = -4;

    /// <summary>What a state setter returns for a column name that is empty, longer than the ABI allows, or reserved.</summary>
    private const int BadColumnName = -3;

    public static void Define(Linker linker)
    {
        DefineArguments(linker);
        DefineResults(linker);
        DefineState(linker);
        DefineOutgoing(linker);
        DefineEnvironment(linker);
    }

    private static void DefineArguments(Linker linker)
    {
        linker.DefineFunction(ModuleName, "arg_count", (Caller c) => Of(c).Arguments.Count);
        linker.DefineFunction(ModuleName, "arg_type", (Caller c, int i) =>
        {
            ScriptContext context = Of(c);
            return i == context.ErrorArgument ? ErrorTag : Argument(context, i) is { } v ? (int)v.Kind : -1;
        });
        linker.DefineFunction(ModuleName, "arg_int", (Caller c, int i) => Argument(Of(c), i) is { Kind: ScriptValueKind.Integer } v ? v.AsInteger() : 0L);
        linker.DefineFunction(ModuleName, "arg_float", (Caller c, int i) => Argument(Of(c), i) is { Kind: ScriptValueKind.Float } v ? v.AsFloat() : 0.0);
        linker.DefineFunction(ModuleName, "arg_len", (Caller c, int i) => Argument(Of(c), i) is { Kind: ScriptValueKind.String or ScriptValueKind.Bytes } v ? v.Length : -1);
        linker.DefineFunction(ModuleName, "arg_read", (Caller c, int i, int pointer, int capacity) =>
        {
            ScriptContext context = Of(c);
            return Argument(context, i) is { Kind: ScriptValueKind.String or ScriptValueKind.Bytes } v ? CopyOut(context, v.AsSpan(), pointer, capacity) : -1;
        });
    }

    private static void DefineResults(Linker linker)
    {
        linker.DefineFunction(ModuleName, "return_nil", (Caller c) => { Of(c).Result = ScriptValue.Nil; });
        linker.DefineFunction(ModuleName, "return_int", (Caller c, long value) => { Of(c).Result = ScriptValue.FromInteger(value); });
        linker.DefineFunction(ModuleName, "return_float", (Caller c, double value) => { Of(c).Result = ScriptValue.FromFloat(value); });
        linker.DefineFunction(ModuleName, "return_string", (Caller c, int pointer, int length) => SetResult(Of(c), pointer, length, ScriptValueKind.String));
        linker.DefineFunction(ModuleName, "return_bytes", (Caller c, int pointer, int length) => SetResult(Of(c), pointer, length, ScriptValueKind.Bytes));
    }

    private static void DefineState(Linker linker)
    {
        linker.DefineFunction(ModuleName, "state_type", (Caller c, int name, int nameLength) => Column(Of(c), name, nameLength) is { } v ? (int)v.Kind : 0);
        linker.DefineFunction(ModuleName, "state_int", (Caller c, int name, int nameLength) => Column(Of(c), name, nameLength) is { Kind: ScriptValueKind.Integer } v ? v.AsInteger() : 0L);
        linker.DefineFunction(ModuleName, "state_float", (Caller c, int name, int nameLength) => Column(Of(c), name, nameLength) is { Kind: ScriptValueKind.Float } v ? v.AsFloat() : 0.0);
        linker.DefineFunction(ModuleName, "state_len", (Caller c, int name, int nameLength) =>
            Column(Of(c), name, nameLength) is { Kind: ScriptValueKind.String or ScriptValueKind.Bytes } v ? v.Length : -1);
        linker.DefineFunction(ModuleName, "state_read", (Caller c, int name, int nameLength, int pointer, int capacity) =>
        {
            ScriptContext context = Of(c);
            return Column(context, name, nameLength) is { Kind: ScriptValueKind.String or ScriptValueKind.Bytes } v ? CopyOut(context, v.AsSpan(), pointer, capacity) : -1;
        });
        linker.DefineFunction(ModuleName, "state_set_nil", (Caller c, int name, int nameLength) => SetColumn(Of(c), name, nameLength, ScriptValue.Nil));
        linker.DefineFunction(ModuleName, "state_set_int", (Caller c, int name, int nameLength, long value) => SetColumn(Of(c), name, nameLength, ScriptValue.FromInteger(value)));
        linker.DefineFunction(ModuleName, "state_set_float", (Caller c, int name, int nameLength, double value) => SetColumn(Of(c), name, nameLength, ScriptValue.FromFloat(value)));
        linker.DefineFunction(ModuleName, "state_set_string", (Caller c, int name, int nameLength, int pointer, int length) => SetColumn(Of(c), name, nameLength, pointer, length, ScriptValueKind.String));
        linker.DefineFunction(ModuleName, "state_set_bytes", (Caller c, int name, int nameLength, int pointer, int length) => SetColumn(Of(c), name, nameLength, pointer, length, ScriptValueKind.Bytes));
    }

    private static void DefineOutgoing(Linker linker)
    {
        linker.DefineFunction(ModuleName, "out_nil", (Caller c) => Stage(Of(c), ScriptValue.Nil));
        linker.DefineFunction(ModuleName, "out_int", (Caller c, long value) => Stage(Of(c), ScriptValue.FromInteger(value)));
        linker.DefineFunction(ModuleName, "out_float", (Caller c, double value) => Stage(Of(c), ScriptValue.FromFloat(value)));
        linker.DefineFunction(ModuleName, "out_string", (Caller c, int pointer, int length) => StageFromMemory(Of(c), pointer, length, ScriptValueKind.String));
        linker.DefineFunction(ModuleName, "out_bytes", (Caller c, int pointer, int length) => StageFromMemory(Of(c), pointer, length, ScriptValueKind.Bytes));
        linker.DefineFunction(ModuleName, "send", (Caller c, int target, int targetLength, int method, int methodLength) =>
        {
            ScriptContext context = Of(c);
            string? to = ReadName(context, target, targetLength);
            string? name = ReadName(context, method, methodLength);
            return to is null || name is null ? -1 : !context.TrySend() ? Refuse(context) : Emit(context, new OutgoingSend(to, name, TakeStaged(context)));
        });
        linker.DefineFunction(ModuleName, "call", (Caller c, int target, int targetLength, int method, int methodLength) =>
        {
            ScriptContext context = Of(c);
            string? to = ReadName(context, target, targetLength);
            string? name = ReadName(context, method, methodLength);
            if (to is null || name is null)
            {
                return -1L;
            }

            if (!context.TrySend())
            {
                return Refuse(context);
            }

            long id = context.NextCallId();
            return Emit(context, new OutgoingCall(id, to, name, TakeStaged(context))) == 0 ? id : -2L;
        });
        linker.DefineFunction(ModuleName, "emit", (Caller c, int signal, int signalLength) =>
        {
            ScriptContext context = Of(c);
            string? name = ReadName(context, signal, signalLength);
            if (name is null)
            {
                return -1;
            }

            var emitted = new OutgoingSignal(name, TakeStaged(context));
            return context.TryEmitSignal(emitted.Size) ? Emit(context, emitted) : BudgetSpent;
        });
        linker.DefineFunction(ModuleName, "timer_start", (Caller c, long id, long delay, int repeat) =>
        {
            ScriptContext context = Of(c);
            return delay < 0 ? -1 : !context.TryStartTimer(id) ? BudgetSpent : Emit(context, new OutgoingTimerStart(id, delay, repeat != 0));
        });
        linker.DefineFunction(ModuleName, "timer_cancel", (Caller c, long id) => Emit(Of(c), new OutgoingTimerCancel(id)));
    }

    private static void DefineEnvironment(Linker linker)
    {
        linker.DefineFunction(ModuleName, "log", (Caller c, int level, int pointer, int length) =>
        {
            ScriptContext context = Of(c);
            length = Math.Min(length, AbiLimits.MaxValueBytes);
            if (TryGetSpan(context, pointer, length, out ReadOnlySpan<byte> text) && context.TryMoveHostBytes(length))
            {
                Emit(context, new OutgoingLog(Math.Clamp(level, 0, 4), Encoding.UTF8.GetString(text)));
            }
        });
        linker.DefineFunction(ModuleName, "time", (Caller c) => Of(c).Time());
        linker.DefineFunction(ModuleName, "random", (Caller c) => Of(c).NextRandom());
        linker.DefineFunction(ModuleName, "self_id", (Caller c, int pointer, int capacity) =>
        {
            ScriptContext context = Of(c);
            return CopyOut(context, context.EntityIdUtf8, pointer, capacity);
        });
        linker.DefineFunction(ModuleName, "world_id", (Caller c, int pointer, int capacity) =>
        {
            ScriptContext context = Of(c);
            return CopyOut(context, context.WorldIdUtf8, pointer, capacity);
        });
    }

    /// <summary>The calling entity's context: its store's data, set when the store was made.</summary>
    private static ScriptContext Of(Caller caller) => (ScriptContext)caller.GetData()!;

    private static ScriptValue? Argument(ScriptContext context, int index) =>
        (uint)index < (uint)context.Arguments.Count ? context.Arguments[index] : null;

    private static ScriptValue? Column(ScriptContext context, int name, int nameLength) =>
        ReadName(context, name, nameLength) is { } column ? context.State[column] : null;

    private static int SetColumn(ScriptContext context, int name, int nameLength, ScriptValue value) =>
        nameLength is < 1 or > AbiLimits.MaxColumnNameBytes ? BadColumnName : context.SetColumn(ReadName(context, name, nameLength), value);

    private static int SetColumn(ScriptContext context, int name, int nameLength, int pointer, int length, ScriptValueKind kind)
    {
        if (nameLength is < 1 or > AbiLimits.MaxColumnNameBytes)
        {
            return BadColumnName;
        }

        int status = ReadValue(context, pointer, length, kind, out ScriptValue value);
        return status != 0 ? status : SetColumn(context, name, nameLength, value);
    }

    private static int SetResult(ScriptContext context, int pointer, int length, ScriptValueKind kind)
    {
        int status = ReadValue(context, pointer, length, kind, out ScriptValue value);
        if (status == 0)
        {
            context.Result = value;
        }

        return status;
    }

    private static int StageFromMemory(ScriptContext context, int pointer, int length, ScriptValueKind kind)
    {
        int status = ReadValue(context, pointer, length, kind, out ScriptValue value);
        return status != 0 ? status : Stage(context, value);
    }

    /// <summary>Reads a string or bytes value from the entity's memory: 0, -1 (bad range), -2 (over the value limit) or -4 (over the call's host-byte budget).</summary>
    private static int ReadValue(ScriptContext context, int pointer, int length, ScriptValueKind kind, out ScriptValue value)
    {
        value = ScriptValue.Nil;
        if (length > AbiLimits.MaxValueBytes)
        {
            return -2;
        }

        if (!TryGetSpan(context, pointer, length, out ReadOnlySpan<byte> bytes))
        {
            return -1;
        }

        if (!context.TryMoveHostBytes(length))
        {
            return BudgetSpent;
        }

        value = kind == ScriptValueKind.String ? ScriptValue.FromUtf8(bytes) : ScriptValue.FromBytes(bytes); // the one copy out of guest memory
        return 0;
    }

    private static int Stage(ScriptContext context, ScriptValue value)
    {
        if (context.Staged.Count >= AbiLimits.MaxStagedArguments)
        {
            return -2;
        }

        context.Staged.Add(value);
        return 0;
    }

    private static ScriptValue[] TakeStaged(ScriptContext context)
    {
        ScriptValue[] staged = [.. context.Staged];
        context.Staged.Clear();
        return staged;
    }

    /// <summary>A send refused for its budget: its staged arguments are dropped, as a send would have taken them.</summary>
    private static int Refuse(ScriptContext context)
    {
        context.Staged.Clear();
        return BudgetSpent;
    }

    private static int Emit(ScriptContext context, Outgoing outgoing)
    {
        if (context.Outbox.Count >= AbiLimits.MaxOutgoing)
        {
            return -2;
        }

        context.Outbox.Add(outgoing);
        return 0;
    }

    private static string? ReadName(ScriptContext context, int pointer, int length) =>
        length is > 0 and <= AbiLimits.MaxColumnNameBytes * 4 && TryGetSpan(context, pointer, length, out ReadOnlySpan<byte> name)
            ? context.ColumnNames.Get(name)
            : null;

    /// <summary>Gets a range of the entity's memory, valid until the guest runs again; false for a range outside it.</summary>
    private static bool TryGetSpan(ScriptContext context, int pointer, int length, out ReadOnlySpan<byte> bytes)
    {
        if (length < 0 || pointer < 0 || context.Memory is not { } memory || (long)pointer + length > memory.GetLength())
        {
            bytes = default;
            return false;
        }

        bytes = memory.GetSpan(pointer, length);
        return true;
    }

    private static int CopyOut(ScriptContext context, ReadOnlySpan<byte> source, int pointer, int capacity)
    {
        int count = Math.Min(source.Length, Math.Max(capacity, 0));
        if (pointer < 0 || context.Memory is not { } memory || (long)pointer + count > memory.GetLength())
        {
            return -1;
        }

        if (!context.TryMoveHostBytes(count))
        {
            return BudgetSpent;
        }

        source[..count].CopyTo(memory.GetSpan(pointer, count));
        return source.Length;
    }
}
