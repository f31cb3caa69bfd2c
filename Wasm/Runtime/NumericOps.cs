using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace WasGo.Wasm.Runtime;

/// <summary>
/// Numeric instructions that need more than one CIL opcode, named after the wasm instruction so the
/// compiler finds them by name. All are small and inlined by the JIT; traps are explicit checks.
/// </summary>
internal static class NumericOps
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    [MethodImpl(Inline)] public static int I32Clz(int a) => BitOperations.LeadingZeroCount((uint)a);

    [MethodImpl(Inline)] public static int I32Ctz(int a) => BitOperations.TrailingZeroCount(a);

    [MethodImpl(Inline)] public static int I32Popcnt(int a) => BitOperations.PopCount((uint)a);

    [MethodImpl(Inline)]
    public static int I32DivS(int a, int b)
    {
        if (b == 0)
        {
            Traps.DivisionByZero();
        }

        if (b == -1 && a == int.MinValue)
        {
            Traps.IntegerOverflow();
        }

        return a / b;
    }

    [MethodImpl(Inline)]
    public static int I32DivU(int a, int b)
    {
        if (b == 0)
        {
            Traps.DivisionByZero();
        }

        return (int)((uint)a / (uint)b);
    }

    [MethodImpl(Inline)]
    public static int I32RemS(int a, int b)
    {
        if (b == 0)
        {
            Traps.DivisionByZero();
        }

        return b == -1 ? 0 : a % b;
    }

    [MethodImpl(Inline)]
    public static int I32RemU(int a, int b)
    {
        if (b == 0)
        {
            Traps.DivisionByZero();
        }

        return (int)((uint)a % (uint)b);
    }

    [MethodImpl(Inline)] public static int I32Shl(int a, int b) => a << b;

    [MethodImpl(Inline)] public static int I32ShrS(int a, int b) => a >> b;

    [MethodImpl(Inline)] public static int I32ShrU(int a, int b) => (int)((uint)a >> b);

    [MethodImpl(Inline)] public static int I32Rotl(int a, int b) => (int)BitOperations.RotateLeft((uint)a, b);

    [MethodImpl(Inline)] public static int I32Rotr(int a, int b) => (int)BitOperations.RotateRight((uint)a, b);

    [MethodImpl(Inline)] public static long I64Clz(long a) => BitOperations.LeadingZeroCount((ulong)a);

    [MethodImpl(Inline)] public static long I64Ctz(long a) => BitOperations.TrailingZeroCount(a);

    [MethodImpl(Inline)] public static long I64Popcnt(long a) => BitOperations.PopCount((ulong)a);

    [MethodImpl(Inline)]
    public static long I64DivS(long a, long b)
    {
        if (b == 0)
        {
            Traps.DivisionByZero();
        }

        if (b == -1 && a == long.MinValue)
        {
            Traps.IntegerOverflow();
        }

        return a / b;
    }

    [MethodImpl(Inline)]
    public static long I64DivU(long a, long b)
    {
        if (b == 0)
        {
            Traps.DivisionByZero();
        }

        return (long)((ulong)a / (ulong)b);
    }

    [MethodImpl(Inline)]
    public static long I64RemS(long a, long b)
    {
        if (b == 0)
        {
            Traps.DivisionByZero();
        }

        return b == -1 ? 0 : a % b;
    }

    [MethodImpl(Inline)]
    public static long I64RemU(long a, long b)
    {
        if (b == 0)
        {
            Traps.DivisionByZero();
        }

        return (long)((ulong)a % (ulong)b);
    }

    [MethodImpl(Inline)] public static long I64Shl(long a, long b) => a << (int)b;

    [MethodImpl(Inline)] public static long I64ShrS(long a, long b) => a >> (int)b;

    [MethodImpl(Inline)] public static long I64ShrU(long a, long b) => (long)((ulong)a >> (int)b);

    [MethodImpl(Inline)] public static long I64Rotl(long a, long b) => (long)BitOperations.RotateLeft((ulong)a, (int)b);

    [MethodImpl(Inline)] public static long I64Rotr(long a, long b) => (long)BitOperations.RotateRight((ulong)a, (int)b);

    [MethodImpl(Inline)] public static float F32Abs(float a) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) & int.MaxValue);

    [MethodImpl(Inline)] public static float F32Neg(float a) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) ^ int.MinValue);

    [MethodImpl(Inline)] public static float F32Ceil(float a) => MathF.Ceiling(a);

    [MethodImpl(Inline)] public static float F32Floor(float a) => MathF.Floor(a);

    [MethodImpl(Inline)] public static float F32Trunc(float a) => MathF.Truncate(a);

    [MethodImpl(Inline)] public static float F32Nearest(float a) => MathF.Round(a, MidpointRounding.ToEven);

    [MethodImpl(Inline)] public static float F32Sqrt(float a) => MathF.Sqrt(a);

    [MethodImpl(Inline)] public static float F32Min(float a, float b) => float.IsNaN(a) || float.IsNaN(b) ? a + b : MathF.Min(a, b);

    [MethodImpl(Inline)] public static float F32Max(float a, float b) => float.IsNaN(a) || float.IsNaN(b) ? a + b : MathF.Max(a, b);

    [MethodImpl(Inline)]
    public static float F32Copysign(float a, float b) => BitConverter.Int32BitsToSingle(
        (BitConverter.SingleToInt32Bits(a) & int.MaxValue) | (BitConverter.SingleToInt32Bits(b) & int.MinValue));

    [MethodImpl(Inline)] public static double F64Abs(double a) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) & long.MaxValue);

    [MethodImpl(Inline)] public static double F64Neg(double a) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) ^ long.MinValue);

    [MethodImpl(Inline)] public static double F64Ceil(double a) => Math.Ceiling(a);

    [MethodImpl(Inline)] public static double F64Floor(double a) => Math.Floor(a);

    [MethodImpl(Inline)] public static double F64Trunc(double a) => Math.Truncate(a);

    [MethodImpl(Inline)] public static double F64Nearest(double a) => Math.Round(a, MidpointRounding.ToEven);

    [MethodImpl(Inline)] public static double F64Sqrt(double a) => Math.Sqrt(a);

    [MethodImpl(Inline)] public static double F64Min(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? a + b : Math.Min(a, b);

    [MethodImpl(Inline)] public static double F64Max(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? a + b : Math.Max(a, b);

    [MethodImpl(Inline)]
    public static double F64Copysign(double a, double b) => BitConverter.Int64BitsToDouble(
        (BitConverter.DoubleToInt64Bits(a) & long.MaxValue) | (BitConverter.DoubleToInt64Bits(b) & long.MinValue));

    [MethodImpl(Inline)]
    public static int I32TruncF32S(float a)
    {
        if (!(a >= -2147483648f && a < 2147483648f))
        {
            TruncTrap(float.IsNaN(a));
        }

        return (int)a;
    }

    [MethodImpl(Inline)]
    public static int I32TruncF32U(float a)
    {
        if (!(a > -1f && a < 4294967296f))
        {
            TruncTrap(float.IsNaN(a));
        }

        return (int)(uint)a;
    }

    [MethodImpl(Inline)]
    public static int I32TruncF64S(double a)
    {
        if (!(a > -2147483649.0 && a < 2147483648.0))
        {
            TruncTrap(double.IsNaN(a));
        }

        return (int)a;
    }

    [MethodImpl(Inline)]
    public static int I32TruncF64U(double a)
    {
        if (!(a > -1.0 && a < 4294967296.0))
        {
            TruncTrap(double.IsNaN(a));
        }

        return (int)(uint)a;
    }

    [MethodImpl(Inline)]
    public static long I64TruncF32S(float a)
    {
        if (!(a >= -9223372036854775808f && a < 9223372036854775808f))
        {
            TruncTrap(float.IsNaN(a));
        }

        return (long)a;
    }

    [MethodImpl(Inline)]
    public static long I64TruncF32U(float a)
    {
        if (!(a > -1f && a < 18446744073709551616f))
        {
            TruncTrap(float.IsNaN(a));
        }

        return (long)(ulong)a;
    }

    [MethodImpl(Inline)]
    public static long I64TruncF64S(double a)
    {
        if (!(a >= -9223372036854775808.0 && a < 9223372036854775808.0))
        {
            TruncTrap(double.IsNaN(a));
        }

        return (long)a;
    }

    [MethodImpl(Inline)]
    public static long I64TruncF64U(double a)
    {
        if (!(a > -1.0 && a < 18446744073709551616.0))
        {
            TruncTrap(double.IsNaN(a));
        }

        return (long)(ulong)a;
    }

    [MethodImpl(Inline)]
    public static int I32TruncSatF32S(float a) =>
        float.IsNaN(a) ? 0 : a <= -2147483648f ? int.MinValue : a >= 2147483648f ? int.MaxValue : (int)a;

    [MethodImpl(Inline)]
    public static int I32TruncSatF32U(float a) =>
        !(a > -1f) ? 0 : a >= 4294967296f ? -1 : (int)(uint)a;

    [MethodImpl(Inline)]
    public static int I32TruncSatF64S(double a) =>
        double.IsNaN(a) ? 0 : a <= -2147483648.0 ? int.MinValue : a >= 2147483648.0 ? int.MaxValue : (int)a;

    [MethodImpl(Inline)]
    public static int I32TruncSatF64U(double a) =>
        !(a > -1.0) ? 0 : a >= 4294967296.0 ? -1 : (int)(uint)a;

    [MethodImpl(Inline)]
    public static long I64TruncSatF32S(float a) =>
        float.IsNaN(a) ? 0 : a <= -9223372036854775808f ? long.MinValue : a >= 9223372036854775808f ? long.MaxValue : (long)a;

    [MethodImpl(Inline)]
    public static long I64TruncSatF32U(float a) =>
        !(a > -1f) ? 0 : a >= 18446744073709551616f ? -1L : (long)(ulong)a;

    [MethodImpl(Inline)]
    public static long I64TruncSatF64S(double a) =>
        double.IsNaN(a) ? 0 : a <= -9223372036854775808.0 ? long.MinValue : a >= 9223372036854775808.0 ? long.MaxValue : (long)a;

    [MethodImpl(Inline)]
    public static long I64TruncSatF64U(double a) =>
        !(a > -1.0) ? 0 : a >= 18446744073709551616.0 ? -1L : (long)(ulong)a;

    [MethodImpl(Inline)] public static float F32ConvertI32U(int a) => (uint)a;

    [MethodImpl(Inline)] public static float F32ConvertI64S(long a) => a;

    [MethodImpl(Inline)]
    public static float F32ConvertI64U(long a)
    {
        var u = (ulong)a;
        if (u <= long.MaxValue)
        {
            return (long)u;
        }

        // Halve with the lost bit kept sticky so that the single rounding below is correct.
        return (float)(long)((u >> 1) | (u & 1)) * 2f;
    }

    [MethodImpl(Inline)] public static double F64ConvertI32U(int a) => (uint)a;

    [MethodImpl(Inline)]
    public static double F64ConvertI64U(long a)
    {
        var u = (ulong)a;
        if (u <= long.MaxValue)
        {
            return (long)u;
        }

        return (double)(long)((u >> 1) | (u & 1)) * 2.0;
    }

    /// <summary>An f32 constant the JIT cannot fold (folding goes through double and quiets signaling NaNs).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float F32Opaque(int bits) => BitConverter.Int32BitsToSingle(bits);

    /// <summary>An f64 constant the JIT cannot fold.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double F64Opaque(long bits) => BitConverter.Int64BitsToDouble(bits);

    /// <summary>The canonical f32 NaN (positive, quiet, no payload) in place of any NaN.</summary>
    [MethodImpl(Inline)]
    public static float F32Canonical(float a) => float.IsNaN(a) ? BitConverter.Int32BitsToSingle(0x7FC00000) : a;

    /// <summary>The canonical f64 NaN (positive, quiet, no payload) in place of any NaN.</summary>
    [MethodImpl(Inline)]
    public static double F64Canonical(double a) => double.IsNaN(a) ? BitConverter.Int64BitsToDouble(0x7FF8000000000000) : a;

    /// <summary>Promotion; the NaN branch keeps the JIT from folding demote(promote(x)) into x.</summary>
    [MethodImpl(Inline)]
    public static double F64PromoteF32(float a) => float.IsNaN(a) ? (double)a + 0d : a;

    [MethodImpl(Inline)] public static int I32ReinterpretF32(float a) => BitConverter.SingleToInt32Bits(a);

    [MethodImpl(Inline)] public static long I64ReinterpretF64(double a) => BitConverter.DoubleToInt64Bits(a);

    [MethodImpl(Inline)] public static float F32ReinterpretI32(int a) => BitConverter.Int32BitsToSingle(a);

    [MethodImpl(Inline)] public static double F64ReinterpretI64(long a) => BitConverter.Int64BitsToDouble(a);

    [MethodImpl(Inline)] public static int I32Extend8S(int a) => (sbyte)a;

    [MethodImpl(Inline)] public static int I32Extend16S(int a) => (short)a;

    [MethodImpl(Inline)] public static long I64Extend8S(long a) => (sbyte)a;

    [MethodImpl(Inline)] public static long I64Extend16S(long a) => (short)a;

    [MethodImpl(Inline)] public static long I64Extend32S(long a) => (int)a;

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void TruncTrap(bool isNaN) =>
        throw new TrapException(isNaN ? TrapCode.BadConversionToInteger : TrapCode.IntegerOverflow);
}
