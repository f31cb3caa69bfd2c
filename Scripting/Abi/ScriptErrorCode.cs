namespace WasGo.Scripting;

/// <summary>Why a call to a script did not produce a value (the codes of <c>Sdk/ABI.md</c>).</summary>
public enum ScriptErrorCode
{
    /// <summary>No such method: no export of that name, or its name starts with <c>_</c>.</summary>
    UnknownMethod,

    /// <summary>The number or kinds of arguments do not fit the method's parameters.</summary>
    BadArguments,

    /// <summary>An argument or the result is over the ABI's limits.</summary>
    ValueTooLarge,

    /// <summary>The script trapped; its changes are undone and the entity goes on on a fresh instance.</summary>
    Trapped,

    /// <summary>The call used up its budget of work (fuel): the same on every machine.</summary>
    OutOfFuel,

    /// <summary>The call ran past the wall-clock limit; the world's journal records it, so a replay repeats it.</summary>
    TimedOut,

    /// <summary>The call moved more bytes through host calls than one call may.</summary>
    LimitExceeded,

    /// <summary>The entity could not be activated (unknown module, or no such entity).</summary>
    Unavailable,

    /// <summary>The module cannot start: instantiating it fails under the host's limits (its memory, table or data segments).</summary>
    InvalidModule,
}
