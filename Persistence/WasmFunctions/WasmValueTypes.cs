using Wasmtime;

namespace WasGo.Persistence;

/// <summary>WebAssembly's own names of value types (<c>i32</c>, <c>f64</c>, …), for messages about a module's signatures.</summary>
internal static class WasmValueTypes
{
    public static string Name(ValueKind kind) => kind switch
    {
        ValueKind.Int32 => "i32",
        ValueKind.Int64 => "i64",
        ValueKind.Float32 => "f32",
        ValueKind.Float64 => "f64",
        ValueKind.V128 => "v128",
        ValueKind.FuncRef => "funcref",
        ValueKind.ExternRef => "externref",
        ValueKind.AnyRef => "anyref",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
