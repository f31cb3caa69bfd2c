using System.Text;
using WasGo.Wasm;

namespace WasGo.Scripting;

/// <summary>
/// The <c>wasgo</c> imports of ABI v1, defined once on a shared linker. Each host function finds
/// the calling entity's <see cref="ScriptContext"/> from the caller's store, and checks every
/// pointer range against the caller's memory: a bad range is an error result, never a host crash.
/// </summary>
internal static class WasgoImports
{
    public const string ModuleName = "wasgo";

    /// <summary>The tag of an error argument: only in <c>_reply</c>, read like a string.</summary>
    public const int ErrorTag = 5;

    public static void Define(Linker linker, Func<Store, ScriptContext> contextOf)
    {
        DefineArguments(linker, contextOf);
        DefineResults(linker, contextOf);
        DefineState(linker, contextOf);
        DefineOutgoing(linker, contextOf);
        DefineEnvironment(linker, contextOf);
    }

    private static void DefineArguments(Linker linker, Func<Store, ScriptContext> contextOf)
    {
        linker.DefineFunction(ModuleName, "arg_count", (Caller c) => contextOf(c.Store).Arguments.Count);
        linker.DefineFunction(ModuleName, "arg_type", (Caller c, int i) =>
        {
            ScriptContext context = contextOf(c.Store);
            return i == context.ErrorArgument ? ErrorTag : Argument(context, i) is { } v ? (int)v.Kind : -1;
        });
        linker.DefineFunction(ModuleName, "arg_int", (Caller c, int i) => Argument(contextOf(c.Store), i) is { Kind: ScriptValueKind.Integer } v ? v.AsInteger() : 0L);
        linker.DefineFunction(ModuleName, "arg_float", (Caller c, int i) => Argument(contextOf(c.Store), i) is { Kind: ScriptValueKind.Float } v ? v.AsFloat() : 0.0);
        linker.DefineFunction(ModuleName, "arg_len", (Caller c, int i) => Argument(contextOf(c.Store), i) is { Kind: ScriptValueKind.String or ScriptValueKind.Bytes } v ? v.Length : -1);
        linker.DefineFunction(ModuleName, "arg_read", (Caller c, int i, int pointer, int capacity) =>
            Argument(contextOf(c.Store), i) is { Kind: ScriptValueKind.String or ScriptValueKind.Bytes } v ? CopyOut(contextOf(c.Store), v.AsSpan(), pointer, capacity) : -1);
    }

    private static void DefineResults(Linker linker, Func<Store, ScriptContext> contextOf)
    {
        linker.DefineFunction(ModuleName, "return_nil", (Caller c) => { contextOf(c.Store).Result = ScriptValue.Nil; });
        linker.DefineFunction(ModuleName, "return_int", (Caller c, long value) => { contextOf(c.Store).Result = ScriptValue.FromInteger(value); });
        linker.DefineFunction(ModuleName, "return_float", (Caller c, double value) => { contextOf(c.Store).Result = ScriptValue.FromFloat(value); });
        linker.DefineFunction(ModuleName, "return_string", (Caller c, int pointer, int length) => SetResult(c, contextOf, pointer, length, ScriptValueKind.String));
        linker.DefineFunction(ModuleName, "return_bytes", (Caller c, int pointer, int length) => SetResult(c, contextOf, pointer, length, ScriptValueKind.Bytes));
    }

    private static void DefineState(Linker linker, Func<Store, ScriptContext> contextOf)
    {
        linker.DefineFunction(ModuleName, "state_type", (Caller c, int name, int nameLength) => Column(c, contextOf, name, nameLength) is { } v ? (int)v.Kind : 0);
        linker.DefineFunction(ModuleName, "state_int", (Caller c, int name, int nameLength) => Column(c, contextOf, name, nameLength) is { Kind: ScriptValueKind.Integer } v ? v.AsInteger() : 0L);
        linker.DefineFunction(ModuleName, "state_float", (Caller c, int name, int nameLength) => Column(c, contextOf, name, nameLength) is { Kind: ScriptValueKind.Float } v ? v.AsFloat() : 0.0);
        linker.DefineFunction(ModuleName, "state_len", (Caller c, int name, int nameLength) =>
            Column(c, contextOf, name, nameLength) is { Kind: ScriptValueKind.String or ScriptValueKind.Bytes } v ? v.Length : -1);
        linker.DefineFunction(ModuleName, "state_read", (Caller c, int name, int nameLength, int pointer, int capacity) =>
            Column(c, contextOf, name, nameLength) is { Kind: ScriptValueKind.String or ScriptValueKind.Bytes } v ? CopyOut(contextOf(c.Store), v.AsSpan(), pointer, capacity) : -1);
        linker.DefineFunction(ModuleName, "state_set_nil", (Caller c, int name, int nameLength) => contextOf(c.Store).SetColumn(ReadName(contextOf(c.Store), name, nameLength), ScriptValue.Nil));
        linker.DefineFunction(ModuleName, "state_set_int", (Caller c, int name, int nameLength, long value) => contextOf(c.Store).SetColumn(ReadName(contextOf(c.Store), name, nameLength), ScriptValue.FromInteger(value)));
        linker.DefineFunction(ModuleName, "state_set_float", (Caller c, int name, int nameLength, double value) => contextOf(c.Store).SetColumn(ReadName(contextOf(c.Store), name, nameLength), ScriptValue.FromFloat(value)));
        linker.DefineFunction(ModuleName, "state_set_string", (Caller c, int name, int nameLength, int pointer, int length) => SetColumn(c, contextOf, name, nameLength, pointer, length, ScriptValueKind.String));
        linker.DefineFunction(ModuleName, "state_set_bytes", (Caller c, int name, int nameLength, int pointer, int length) => SetColumn(c, contextOf, name, nameLength, pointer, length, ScriptValueKind.Bytes));
    }

    private static void DefineOutgoing(Linker linker, Func<Store, ScriptContext> contextOf)
    {
        linker.DefineFunction(ModuleName, "out_nil", (Caller c) => Stage(contextOf(c.Store), ScriptValue.Nil));
        linker.DefineFunction(ModuleName, "out_int", (Caller c, long value) => Stage(contextOf(c.Store), ScriptValue.FromInteger(value)));
        linker.DefineFunction(ModuleName, "out_float", (Caller c, double value) => Stage(contextOf(c.Store), ScriptValue.FromFloat(value)));
        linker.DefineFunction(ModuleName, "out_string", (Caller c, int pointer, int length) => StageFromMemory(c, contextOf, pointer, length, ScriptValueKind.String));
        linker.DefineFunction(ModuleName, "out_bytes", (Caller c, int pointer, int length) => StageFromMemory(c, contextOf, pointer, length, ScriptValueKind.Bytes));
        linker.DefineFunction(ModuleName, "send", (Caller c, int target, int targetLength, int method, int methodLength) =>
        {
            ScriptContext context = contextOf(c.Store);
            string? to = ReadName(contextOf(c.Store), target, targetLength);
            string? name = ReadName(contextOf(c.Store), method, methodLength);
            return to is null || name is null ? -1 : Emit(context, new OutgoingSend(to, name, TakeStaged(context)));
        });
        linker.DefineFunction(ModuleName, "call", (Caller c, int target, int targetLength, int method, int methodLength) =>
        {
            ScriptContext context = contextOf(c.Store);
            string? to = ReadName(contextOf(c.Store), target, targetLength);
            string? name = ReadName(contextOf(c.Store), method, methodLength);
            if (to is null || name is null)
            {
                return -1L;
            }

            long id = context.NextCallId();
            return Emit(context, new OutgoingCall(id, to, name, TakeStaged(context))) == 0 ? id : -2L;
        });
        linker.DefineFunction(ModuleName, "emit", (Caller c, int signal, int signalLength) =>
        {
            ScriptContext context = contextOf(c.Store);
            string? name = ReadName(contextOf(c.Store), signal, signalLength);
            return name is null ? -1 : Emit(context, new OutgoingSignal(name, TakeStaged(context)));
        });
        linker.DefineFunction(ModuleName, "timer_start", (Caller c, long id, long delay, int repeat) =>
            delay < 0 ? -1 : Emit(contextOf(c.Store), new OutgoingTimerStart(id, delay, repeat != 0)));
        linker.DefineFunction(ModuleName, "timer_cancel", (Caller c, long id) => Emit(contextOf(c.Store), new OutgoingTimerCancel(id)));
    }

    private static void DefineEnvironment(Linker linker, Func<Store, ScriptContext> contextOf)
    {
        linker.DefineFunction(ModuleName, "log", (Caller c, int level, int pointer, int length) =>
        {
            byte[]? text = ReadBytes(contextOf(c.Store), pointer, Math.Min(length, AbiLimits.MaxValueBytes));
            if (text is not null)
            {
                Emit(contextOf(c.Store), new OutgoingLog(Math.Clamp(level, 0, 4), Encoding.UTF8.GetString(text)));
            }
        });
        linker.DefineFunction(ModuleName, "time", (Caller c) => contextOf(c.Store).Time());
        linker.DefineFunction(ModuleName, "random", (Caller c) => contextOf(c.Store).NextRandom());
        linker.DefineFunction(ModuleName, "self_id", (Caller c, int pointer, int capacity) => CopyOut(contextOf(c.Store), contextOf(c.Store).EntityIdUtf8, pointer, capacity));
        linker.DefineFunction(ModuleName, "world_id", (Caller c, int pointer, int capacity) => CopyOut(contextOf(c.Store), contextOf(c.Store).WorldIdUtf8, pointer, capacity));
    }

    private static ScriptValue? Argument(ScriptContext context, int index) =>
        (uint)index < (uint)context.Arguments.Count ? context.Arguments[index] : null;

    private static ScriptValue? Column(Caller caller, Func<Store, ScriptContext> contextOf, int name, int nameLength) =>
        ReadName(contextOf(caller.Store), name, nameLength) is { } column ? contextOf(caller.Store).State[column] : null;

    private static int SetResult(Caller caller, Func<Store, ScriptContext> contextOf, int pointer, int length, ScriptValueKind kind)
    {
        if (length > AbiLimits.MaxValueBytes)
        {
            return -2;
        }

        byte[]? bytes = ReadBytes(contextOf(caller.Store), pointer, length);
        if (bytes is null)
        {
            return -1;
        }

        contextOf(caller.Store).Result = kind == ScriptValueKind.String ? ScriptValue.FromUtf8(bytes) : ScriptValue.FromBytes(bytes);
        return 0;
    }

    private static int SetColumn(Caller caller, Func<Store, ScriptContext> contextOf, int name, int nameLength, int pointer, int length, ScriptValueKind kind)
    {
        if (length > AbiLimits.MaxValueBytes)
        {
            return -2;
        }

        byte[]? bytes = ReadBytes(contextOf(caller.Store), pointer, length);
        if (bytes is null)
        {
            return -1;
        }

        ScriptValue value = kind == ScriptValueKind.String ? ScriptValue.FromUtf8(bytes) : ScriptValue.FromBytes(bytes);
        return contextOf(caller.Store).SetColumn(ReadName(contextOf(caller.Store), name, nameLength), value);
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

    private static int StageFromMemory(Caller caller, Func<Store, ScriptContext> contextOf, int pointer, int length, ScriptValueKind kind)
    {
        if (length > AbiLimits.MaxValueBytes)
        {
            return -2;
        }

        byte[]? bytes = ReadBytes(contextOf(caller.Store), pointer, length);
        return bytes is null ? -1 : Stage(contextOf(caller.Store), kind == ScriptValueKind.String ? ScriptValue.FromUtf8(bytes) : ScriptValue.FromBytes(bytes));
    }

    private static ScriptValue[] TakeStaged(ScriptContext context)
    {
        ScriptValue[] staged = [.. context.Staged];
        context.Staged.Clear();
        return staged;
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
        length is > 0 and <= AbiLimits.MaxColumnNameBytes * 4 && ReadBytes(context, pointer, length) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    private static byte[]? ReadBytes(ScriptContext context, int pointer, int length)
    {
        if (length < 0 || pointer < 0 || context.Memory is not { } memory || (long)pointer + length > memory.Length)
        {
            return null;
        }

        return memory.GetSpan(pointer, length).ToArray();
    }

    private static int CopyOut(ScriptContext context, ReadOnlySpan<byte> source, int pointer, int capacity)
    {
        int count = Math.Min(source.Length, Math.Max(capacity, 0));
        if (pointer < 0 || context.Memory is not { } memory || (long)pointer + count > memory.Length)
        {
            return -1;
        }

        source[..count].CopyTo(memory.GetSpan(pointer, count));
        return source.Length;
    }
}
