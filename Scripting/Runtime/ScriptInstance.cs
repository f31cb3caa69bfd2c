using System.Globalization;
using WasGo.Persistence;
using Wasmtime;

namespace WasGo.Scripting;

/// <summary>
/// One entity's running module — its Wasmtime <see cref="Store"/> and <see cref="Instance"/>: calls
/// methods and notifications with ABI v1's rules under the call's fuel and wall-clock limits, and
/// turns a trap into an error result with the call's changes undone.
/// </summary>
/// <remarks>Used by one entity, so by one thread at a time (a store must never be used by two). Dispose it to free its store.</remarks>
internal sealed class ScriptInstance : IDisposable
{
    private readonly Instance _instance;
    private readonly Store _store;
    private readonly ScriptContext _context;
    private readonly Dictionary<string, Export?> _exports = new(StringComparer.Ordinal);
    private readonly ScriptRuntime _runtime;

    // One argument is the common case (_process(delta), _reply(id), a method of one number): its
    // box is reused, since a call does not keep its arguments.
    private readonly ValueBox[] _oneBox = new ValueBox[1];

    // Far enough ahead never to be reached (an epoch every millisecond would take 146 million years),
    // and far from the top, so that Wasmtime's current + ahead cannot overflow.
    private const ulong NoDeadline = 1UL << 62;
    private readonly ScriptMetrics _metrics;

    public ScriptInstance(Instance instance, Store store, ScriptContext context, ScriptRuntime runtime)
    {
        _runtime = runtime;
        _metrics = runtime.Metrics;
        _instance = instance;
        _store = store;
        _context = context;
    }

    public bool Exports(string name) => Find(name) is not null;

    /// <summary>Calls a method by name: unknown names and names starting with <c>_</c> are refused.</summary>
    public CallResult Call(string method, IReadOnlyList<ScriptValue> arguments)
    {
        if (method.Length == 0 || method[0] == '_' || Find(method) is not { } function)
        {
            return CallResult.Failure(ScriptErrorCode.UnknownMethod, $"The script of '{_context.EntityId}' has no method '{method}'.");
        }

        return Invoke(function, method, arguments);
    }

    /// <summary>Calls a notification export (<c>_ready</c>, <c>_process</c>, …); one the script does not export succeeds with nil.</summary>
    public CallResult Notify(string export, IReadOnlyList<ScriptValue> arguments) =>
        Find(export) is { } function ? Invoke(function, export, arguments) : CallResult.Success(ScriptValue.Nil);

    /// <summary>Calls <c>_reply(callId)</c>, with the reply (or its error, tag 5) as argument 0 of the registers.</summary>
    public CallResult Reply(long callId, CallResult reply)
    {
        if (Find("_reply") is not { } function)
        {
            return CallResult.Success(ScriptValue.Nil);
        }

        ScriptValue value = reply.Error is { } error ? ScriptValue.FromString(error.ToString()) : reply.Value;
        return Invoke(function, "_reply", [value], reply.IsSuccess ? -1 : 0, callId);
    }

    public void Dispose() => _store.Dispose();

    private long FuelUsed() => _context.FuelPerCall - (long)_store.Fuel;

    /// <summary>An export and its call, found once per instance and kept (a lookup by name crosses into Wasmtime).</summary>
    private Export? Find(string name)
    {
        if (!_exports.TryGetValue(name, out Export? export))
        {
            export = _instance.GetFunction(name) is { } function ? new Export(function.Parameters, ExportInvoker.For(function)) : null;
            _exports[name] = export;
        }

        return export;
    }

    private CallResult Invoke(Export function, string name, IReadOnlyList<ScriptValue> arguments, int errorArgument = -1, long? callId = null)
    {
        for (int i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].Length > AbiLimits.MaxValueBytes)
            {
                return CallResult.Failure(ScriptErrorCode.ValueTooLarge, $"An argument of '{name}' has {arguments[i].Length} bytes; the limit is {AbiLimits.MaxValueBytes}.");
            }
        }

        IReadOnlyList<ValueKind> parameters = function.Parameters;
        ValueBox[] boxes;
        if (callId is { } id)
        {
            if (parameters is not [ValueKind.Int64])
            {
                return CallResult.Failure(ScriptErrorCode.BadArguments, $"'{name}' of '{_context.EntityId}' does not have the type the ABI gives it.");
            }

            boxes = _oneBox;
            boxes[0] = id;
        }
        else if (parameters.Count == 0)
        {
            boxes = [];
        }
        else if (ToParameters(parameters, arguments) is { } converted)
        {
            boxes = converted;
        }
        else
        {
            return CallResult.Failure(ScriptErrorCode.BadArguments, Describe(name, parameters, arguments));
        }

        _context.BeginCall(arguments, errorArgument);
        WallClockOutcomes clock = _context.WallClock;
        if (clock.Next(out int call))
        {
            // A replay: the wall clock stopped this call when the tick ran live, so it stops here again, unrun.
            return Failed(name, ScriptErrorCode.TimedOut, TimedOut(name), fuelUsed: 0);
        }

        // Live, the wall clock is the backstop behind fuel; a replay never consults it (its stops are recorded).
        _store.SetEpochDeadline(clock.IsLive ? _runtime.EpochsFor(_context.CallTimeLimit) : NoDeadline);
        _store.Fuel = (ulong)_context.FuelPerCall;
        object? returned;
        try
        {
            returned = function.Call(boxes);
        }
        catch (TrapException trap)
        {
            if (trap.Type == TrapCode.Interrupt)
            {
                clock.RecordStopped(call);
            }

            (ScriptErrorCode code, string message) = trap.Type switch
            {
                TrapCode.Interrupt => (ScriptErrorCode.TimedOut, TimedOut(name)),
                _ when _context.OverHostBytes => (ScriptErrorCode.LimitExceeded, OverHostBytes(name)),
                TrapCode.OutOfFuel => (ScriptErrorCode.OutOfFuel, $"'{name}' of '{_context.EntityId}' used up its fuel ({_context.FuelPerCall} per call) and was stopped."),
                _ => (ScriptErrorCode.Trapped, $"'{name}' of '{_context.EntityId}' trapped: {WasmtimeErrors.TrapReason(trap)}"),
            };
            return Failed(name, code, message, FuelUsed());
        }
        catch (WasmtimeException failed)
        {
            // Not a trap of the guest's: a host function threw. The imports never do on purpose, so say what it was.
            return Failed(name, ScriptErrorCode.Trapped, $"'{name}' of '{_context.EntityId}' failed in a host call: {failed.InnerException?.Message ?? failed.Message}", FuelUsed());
        }

        if (_context.OverHostBytes)
        {
            return Failed(name, ScriptErrorCode.LimitExceeded, OverHostBytes(name), FuelUsed());
        }

        _metrics.Called(name, FuelUsed(), null);
        ScriptValue result = _context.Result ?? returned switch
        {
            int i => ScriptValue.FromInteger(i),
            long l => ScriptValue.FromInteger(l),
            float f => ScriptValue.FromFloat(f),
            double d => ScriptValue.FromFloat(d),
            _ => ScriptValue.Nil,
        };
        return CallResult.Success(result);
    }

    /// <summary>A function export: its parameter types, and how to call it.</summary>
    private sealed record Export(IReadOnlyList<ValueKind> Parameters, Func<ValueBox[], object?> Call);

    /// <summary>Undoes the call's changes and reports its failure.</summary>
    private CallResult Failed(string name, ScriptErrorCode code, string message, long fuelUsed)
    {
        _context.Rollback();
        CallResult failed = CallResult.Failure(code, message);
        _metrics.Called(name, fuelUsed, failed.Error!.CodeName);
        return failed;
    }

    private string TimedOut(string name) =>
        string.Create(CultureInfo.InvariantCulture, $"'{name}' of '{_context.EntityId}' ran longer than its limit of {_context.CallTimeLimit.TotalMilliseconds} ms and was stopped.");

    private string OverHostBytes(string name) =>
        string.Create(CultureInfo.InvariantCulture, $"'{name}' of '{_context.EntityId}' moved more than {_context.MaxHostBytesPerCall} bytes through host calls and was stopped.");

    private ValueBox[]? ToParameters(IReadOnlyList<ValueKind> parameters, IReadOnlyList<ScriptValue> arguments)
    {
        if (parameters.Count != arguments.Count)
        {
            return null;
        }

        ValueBox[] boxes = parameters.Count == 1 ? _oneBox : new ValueBox[parameters.Count];
        for (int i = 0; i < boxes.Length; i++)
        {
            ScriptValue argument = arguments[i];
            ValueBox? box = (parameters[i], argument.Kind) switch
            {
                (ValueKind.Int64, ScriptValueKind.Integer) => argument.AsInteger(),
                (ValueKind.Int32, ScriptValueKind.Integer) when argument.AsInteger() is >= int.MinValue and <= int.MaxValue => (int)argument.AsInteger(),
                (ValueKind.Float64, ScriptValueKind.Float) => argument.AsFloat(),
                (ValueKind.Float32, ScriptValueKind.Float) => (float)argument.AsFloat(),
                _ => null,
            };
            if (box is not { } value)
            {
                return null;
            }

            boxes[i] = value;
        }

        return boxes;
    }

    private static string Describe(string name, IReadOnlyList<ValueKind> parameters, IReadOnlyList<ScriptValue> arguments)
    {
        string wanted = string.Join(", ", parameters.Select(WasmValueTypes.Name));
        string given = string.Join(", ", arguments.Select(static a => a.Kind.ToString().ToLowerInvariant()));
        return string.Create(CultureInfo.InvariantCulture, $"'{name}' takes ({wanted}) but was called with ({given}); integers go to i32/i64 (an i32 must fit), floats to f32/f64, strings and bytes only to methods without parameters.");
    }
}
