namespace WasGo.Wasm.Runtime;

/// <summary>Reads and writes <see cref="ValueBox"/> arrays for the generated untyped invokers.</summary>
internal static class ValueBoxAccess
{
    public static int GetInt32(ValueBox[] values, int index) => (int)values[index].Bits;

    public static long GetInt64(ValueBox[] values, int index) => values[index].Bits;

    public static float GetFloat32(ValueBox[] values, int index) => System.BitConverter.Int32BitsToSingle((int)values[index].Bits);

    public static double GetFloat64(ValueBox[] values, int index) => System.BitConverter.Int64BitsToDouble(values[index].Bits);

    public static object? GetReference(ValueBox[] values, int index) => values[index].Reference;

    public static void SetInt32(ValueBox[] values, int index, int value) => values[index] = new ValueBox(ValueKind.Int32, value, null);

    public static void SetInt64(ValueBox[] values, int index, long value) => values[index] = new ValueBox(ValueKind.Int64, value, null);

    public static void SetFloat32(ValueBox[] values, int index, float value) =>
        values[index] = new ValueBox(ValueKind.Float32, System.BitConverter.SingleToInt32Bits(value), null);

    public static void SetFloat64(ValueBox[] values, int index, double value) =>
        values[index] = new ValueBox(ValueKind.Float64, System.BitConverter.DoubleToInt64Bits(value), null);

    public static void SetFuncRef(ValueBox[] values, int index, object? value) => values[index] = new ValueBox(ValueKind.FuncRef, 0, value);

    public static void SetExternRef(ValueBox[] values, int index, object? value) => values[index] = new ValueBox(ValueKind.ExternRef, 0, value);
}
