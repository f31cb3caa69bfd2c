namespace WasGo.Wasm;

/// <summary>Why a guest call trapped.</summary>
public enum TrapCode
{
    /// <summary>The <c>unreachable</c> instruction was executed.</summary>
    Unreachable,

    /// <summary>A signed division overflowed (minimum value divided by -1) or a conversion did not fit.</summary>
    IntegerOverflow,

    /// <summary>An integer division or remainder by zero.</summary>
    IntegerDivisionByZero,

    /// <summary>A NaN was converted to an integer.</summary>
    BadConversionToInteger,

    /// <summary>A load, store or bulk memory operation went outside linear memory.</summary>
    MemoryOutOfBounds,

    /// <summary>A table access, bulk table operation or segment initialisation went outside a table.</summary>
    TableOutOfBounds,

    /// <summary><c>call_indirect</c> found a function of another type.</summary>
    IndirectCallTypeMismatch,

    /// <summary><c>call_indirect</c> used an index beyond the end of the table.</summary>
    UndefinedElement,

    /// <summary><c>call_indirect</c> found a null reference.</summary>
    UninitializedElement,

    /// <summary>The guest recursed deeper than the configured call depth or the native stack allows.</summary>
    CallStackExhausted,

    /// <summary>The store was interrupted (<see cref="Store.Interrupt"/>) while guest code ran.</summary>
    Interrupted,

    /// <summary>A host function threw; the exception is the trap's <see cref="System.Exception.InnerException"/>.</summary>
    HostError,

    /// <summary>The store's fuel ran out (<see cref="Config.WithFuelConsumption"/>).</summary>
    OutOfFuel,

    /// <summary>
    /// A store limit was exceeded (<see cref="Store.SetLimits"/>): one instance, memory or table too
    /// many, or a grow past the limit with <see cref="StoreLimits.TrapOnGrowFailure"/> set.
    /// </summary>
    ResourceLimitExceeded,
}
