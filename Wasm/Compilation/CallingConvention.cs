using System;
using System.Reflection.Emit;

namespace WasGo.Wasm.Compilation;

/// <summary>
/// How a wasm function type becomes a CIL signature: <c>(context, int depth, params...)</c>, returning
/// the single result, or void with every result written through a <c>ref</c> parameter when there are several.
/// </summary>
internal static class CallingConvention
{
    public static Type ClrType(ValueKind kind) => kind switch
    {
        ValueKind.Int32 => typeof(int),
        ValueKind.Int64 => typeof(long),
        ValueKind.Float32 => typeof(float),
        ValueKind.Float64 => typeof(double),
        ValueKind.V128 => typeof(System.Runtime.Intrinsics.Vector128<byte>),
        _ => typeof(object),
    };

    public static bool ReturnsByReference(FunctionType type) => type.ResultArray.Length > 1;

    public static Type ReturnType(FunctionType type) =>
        type.ResultArray.Length == 1 ? ClrType(type.ResultArray[0]) : typeof(void);

    /// <summary>The parameter types, including the context and depth parameters.</summary>
    public static Type[] ParameterTypes(FunctionType type, Type contextType)
    {
        var parameters = type.ParameterArray;
        var results = type.ResultArray;
        var byRef = results.Length > 1 ? results.Length : 0;
        var types = new Type[2 + parameters.Length + byRef];
        types[0] = contextType;
        types[1] = typeof(int);
        for (var i = 0; i < parameters.Length; i++)
        {
            types[2 + i] = ClrType(parameters[i]);
        }

        for (var i = 0; i < byRef; i++)
        {
            types[2 + parameters.Length + i] = ClrType(results[i]).MakeByRefType();
        }

        return types;
    }

    /// <summary>Emits an indirect call through a code pointer already on the stack.</summary>
    public static void EmitCalli(ILGenerator il, FunctionType type) =>
        il.EmitCalli(OpCodes.Calli, System.Reflection.CallingConventions.Standard, ReturnType(type), ParameterTypes(type, typeof(object)), null);
}
