namespace WasGo.Scripting;

/// <summary>What a script asked the host to do; it happens only if the call that asked returns without trapping.</summary>
internal abstract record Outgoing;

/// <summary>A one-way message to another entity.</summary>
internal sealed record OutgoingSend(string Target, string Method, ScriptValue[] Arguments) : Outgoing;

/// <summary>A call to another entity whose reply comes back as <c>_reply(callId)</c>.</summary>
internal sealed record OutgoingCall(long CallId, string Target, string Method, ScriptValue[] Arguments) : Outgoing;

/// <summary>A signal to the entity's subscribers.</summary>
internal sealed record OutgoingSignal(string Signal, ScriptValue[] Arguments) : Outgoing
{
    /// <summary>Gets what the signal costs of its tick's signal budget: its name's characters and its values' bytes (8 for a number).</summary>
    public long Size { get; } = Signal.Length + Arguments.Sum(static a => a.Kind is ScriptValueKind.String or ScriptValueKind.Bytes ? (long)a.Length : 8);
}

/// <summary>Start (or replace) a timer.</summary>
internal sealed record OutgoingTimerStart(long TimerId, long DelayMilliseconds, bool Repeat) : Outgoing;

/// <summary>Cancel a timer.</summary>
internal sealed record OutgoingTimerCancel(long TimerId) : Outgoing;

/// <summary>A log line.</summary>
internal sealed record OutgoingLog(int Level, string Text) : Outgoing;
