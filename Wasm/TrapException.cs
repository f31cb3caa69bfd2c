using System;
using System.Collections.Generic;

namespace WasGo.Wasm;

/// <summary>A guest call stopped on a trap; <see cref="Code"/> says why.</summary>
public sealed class TrapException : WasmException
{
    private IReadOnlyList<TrapFrame>? _frames;

    /// <summary>Creates a trap exception with no message (code <see cref="TrapCode.Unreachable"/>).</summary>
    public TrapException()
    {
    }

    /// <summary>Creates a trap exception with a message (code <see cref="TrapCode.Unreachable"/>).</summary>
    /// <param name="message">What went wrong.</param>
    public TrapException(string message)
        : base(message)
    {
    }

    /// <summary>Creates a host-error trap caused by an exception thrown in a host function.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The exception the host function threw.</param>
    public TrapException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = TrapCode.HostError;
    }

    /// <summary>Creates a trap exception of a given kind.</summary>
    /// <param name="code">Why the guest trapped.</param>
    public TrapException(TrapCode code)
        : base(Describe(code))
    {
        Code = code;
    }

    internal TrapException(TrapCode code, string detail)
        : base($"{Describe(code)}: {detail}")
    {
        Code = code;
    }

    /// <summary>Why the guest trapped.</summary>
    public TrapCode Code { get; }

    /// <summary>
    /// The wasm functions that were on the stack, innermost first; available once the exception was
    /// thrown. Small functions the JIT inlined into their caller do not appear.
    /// </summary>
    public IReadOnlyList<TrapFrame> Frames => _frames ??= TrapFrame.FromException(this);

    /// <summary>The spec's wording for a trap kind, e.g. "integer divide by zero".</summary>
    /// <param name="code">The trap kind.</param>
    /// <returns>A short human-readable description.</returns>
    public static string Describe(TrapCode code) => code switch
    {
        TrapCode.Unreachable => "unreachable executed",
        TrapCode.IntegerOverflow => "integer overflow",
        TrapCode.IntegerDivisionByZero => "integer divide by zero",
        TrapCode.BadConversionToInteger => "invalid conversion to integer",
        TrapCode.MemoryOutOfBounds => "out of bounds memory access",
        TrapCode.TableOutOfBounds => "out of bounds table access",
        TrapCode.IndirectCallTypeMismatch => "indirect call type mismatch",
        TrapCode.UndefinedElement => "undefined element",
        TrapCode.UninitializedElement => "uninitialized element",
        TrapCode.CallStackExhausted => "call stack exhausted",
        TrapCode.HostError => "host function failed",
        TrapCode.Interrupted => "interrupted",
        TrapCode.OutOfFuel => "all fuel consumed",
        TrapCode.ResourceLimitExceeded => "resource limit exceeded",
        _ => "trap",
    };
}
