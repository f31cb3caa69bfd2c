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

    /// <summary>The script trapped; the entity restarts from its last persisted state.</summary>
    Trapped,

    /// <summary>The call used up its budget of work or time.</summary>
    OutOfFuel,

    /// <summary>The message trapped on every retry and was given up.</summary>
    DeadLettered,

    /// <summary>The entity could not be activated (unknown or invalid module).</summary>
    Unavailable,
}
