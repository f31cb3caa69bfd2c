using System;
using System.Reflection;
using WasGo.Wasm.Runtime;

namespace WasGo.Wasm.Compilation;

/// <summary>The fields and methods of the runtime that emitted code refers to, looked up once.</summary>
internal static class RuntimeMembers
{
    public static FieldInfo Memory { get; } = Field(typeof(ModuleInstance), nameof(ModuleInstance.Memory));

    public static FieldInfo MemoryBase { get; } = Field(typeof(MemoryInstance), nameof(MemoryInstance.Base));

    public static FieldInfo MemoryLength { get; } = Field(typeof(MemoryInstance), nameof(MemoryInstance.Length));

    public static FieldInfo Interrupt { get; } = Field(typeof(ModuleInstance), nameof(ModuleInstance.Interrupt));

    public static FieldInfo Fuel { get; } = Field(typeof(ModuleInstance), nameof(ModuleInstance.Fuel));

    public static FieldInfo FuelRemaining { get; } = Field(typeof(FuelCell), nameof(FuelCell.Remaining));

    public static FieldInfo Tables { get; } = Field(typeof(ModuleInstance), nameof(ModuleInstance.Tables));

    public static FieldInfo Globals { get; } = Field(typeof(ModuleInstance), nameof(ModuleInstance.Globals));

    public static FieldInfo Functions { get; } = Field(typeof(ModuleInstance), nameof(ModuleInstance.Functions));

    public static FieldInfo TypeIds { get; } = Field(typeof(ModuleInstance), nameof(ModuleInstance.TypeIds));

    public static FieldInfo GlobalBits { get; } = Field(typeof(GlobalInstance), nameof(GlobalInstance.Bits));

    public static FieldInfo GlobalReference { get; } = Field(typeof(GlobalInstance), nameof(GlobalInstance.Reference));

    public static FieldInfo FunctionContext { get; } = Field(typeof(FunctionInstance), nameof(FunctionInstance.Context));

    public static FieldInfo FunctionCode { get; } = Field(typeof(FunctionInstance), nameof(FunctionInstance.Code));

    public static MethodInfo CheckStack { get; } = Method(typeof(Traps), nameof(Traps.CheckStack));

    public static MethodInfo CheckDepth { get; } = Method(typeof(Traps), nameof(Traps.CheckDepth));

    public static MethodInfo CheckRange { get; } = Method(typeof(MemoryOps), nameof(MemoryOps.CheckRange));

    public static MethodInfo CheckInterrupt { get; } = Method(typeof(Traps), nameof(Traps.CheckInterrupt));

    public static MethodInfo OutOfFuel { get; } = Method(typeof(Traps), nameof(Traps.OutOfFuel));

    public static MethodInfo Unreachable { get; } = Method(typeof(Traps), nameof(Traps.Unreachable));

    public static MethodInfo EnterCall { get; } = Method(typeof(ModuleInstance), nameof(ModuleInstance.EnterCall));

    public static MethodInfo ResolveIndirect { get; } = Method(typeof(TableOps), nameof(TableOps.ResolveIndirect));

    public static MethodInfo Int32BitsToSingle { get; } = typeof(BitConverter).GetMethod(nameof(BitConverter.Int32BitsToSingle), [typeof(int)])!;

    public static MethodInfo Int64BitsToDouble { get; } = typeof(BitConverter).GetMethod(nameof(BitConverter.Int64BitsToDouble), [typeof(long)])!;

    public static MethodInfo SingleToInt32Bits { get; } = typeof(BitConverter).GetMethod(nameof(BitConverter.SingleToInt32Bits), [typeof(float)])!;

    public static MethodInfo DoubleToInt64Bits { get; } = typeof(BitConverter).GetMethod(nameof(BitConverter.DoubleToInt64Bits), [typeof(double)])!;

    /// <summary><see cref="MemoryOps.LoadCovered"/> of one element type.</summary>
    public static MethodInfo LoadCovered(Type element) => s_loadCovered.MakeGenericMethod(element);

    private static readonly MethodInfo s_loadCovered = Method(typeof(MemoryOps), nameof(MemoryOps.LoadCovered));

    public static MethodInfo Method(Type type, string name) =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
        ?? throw new InvalidOperationException($"{type.Name}.{name} is missing");

    private static FieldInfo Field(Type type, string name) =>
        type.GetField(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new InvalidOperationException($"{type.Name}.{name} is missing");
}
