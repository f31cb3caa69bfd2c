using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading;

namespace WasGo.Wasm.Runtime;

/// <summary>
/// Throw helpers for traps. Each only throws, so the JIT knows the call does not return and keeps the
/// check that leads to it as a cold block (see WASM-JIT.md).
/// </summary>
internal static class Traps
{
    [DoesNotReturn]
    public static void Throw(TrapCode code) => throw new TrapException(code);

    [DoesNotReturn]
    public static void Unreachable() => throw new TrapException(TrapCode.Unreachable);

    [DoesNotReturn]
    public static void IntegerOverflow() => throw new TrapException(TrapCode.IntegerOverflow);

    [DoesNotReturn]
    public static void DivisionByZero() => throw new TrapException(TrapCode.IntegerDivisionByZero);

    [DoesNotReturn]
    public static void BadConversion() => throw new TrapException(TrapCode.BadConversionToInteger);

    [DoesNotReturn]
    public static void MemoryOutOfBounds() => throw new TrapException(TrapCode.MemoryOutOfBounds);

    [DoesNotReturn]
    public static void TableOutOfBounds() => throw new TrapException(TrapCode.TableOutOfBounds);

    [DoesNotReturn]
    public static void CallStackExhausted() => throw new TrapException(TrapCode.CallStackExhausted);

    /// <summary>Called at function entry and loop headers: traps when the store was interrupted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckInterrupt(InterruptRequest request)
    {
        if (Volatile.Read(ref request.Requested) != 0)
        {
            Interrupted(request);
        }
    }

    [DoesNotReturn]
    public static void OutOfFuel() => throw new TrapException(TrapCode.OutOfFuel);

    [DoesNotReturn] // so that RyuJIT keeps this path out of the loops it checks in
    private static void Interrupted(InterruptRequest request)
    {
        Volatile.Write(ref request.Requested, 0);
        throw new TrapException(TrapCode.Interrupted);
    }

    /// <summary>The cheap half of the stack check: only the call depth.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckDepth(int depth, int maxDepth)
    {
        if (depth > maxDepth)
        {
            CallStackExhausted();
        }
    }

    /// <summary>
    /// Complement of the lowest stack address at which this thread's native stack was probed and found
    /// sufficient (0, the default, stands for "never probed"): anything at or above it has at least as
    /// much stack left, so the probe, a call into the runtime, is needed only below it.
    /// </summary>
    [ThreadStatic]
    private static nuint t_probedFloorComplement;

    /// <summary>Called at function entry (every 8th level for small frames): traps when the call depth or the native stack runs out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void CheckStack(int depth, int maxDepth)
    {
        byte marker;
        var here = (nuint)(&marker);
        if (depth > maxDepth || here < ~t_probedFloorComplement)
        {
            ProbeStack(depth, maxDepth, here);
        }
    }

    private static void ProbeStack(int depth, int maxDepth, nuint here)
    {
        if (depth > maxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            CallStackExhausted();
        }

        t_probedFloorComplement = ~here;
    }
}
