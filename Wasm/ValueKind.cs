namespace WasGo.Wasm;

/// <summary>The type of a WebAssembly value.</summary>
public enum ValueKind : byte
{
    /// <summary>A 32-bit integer (<c>i32</c>), <see cref="int"/> in .NET.</summary>
    Int32,

    /// <summary>A 64-bit integer (<c>i64</c>), <see cref="long"/> in .NET.</summary>
    Int64,

    /// <summary>A 32-bit float (<c>f32</c>), <see cref="float"/> in .NET.</summary>
    Float32,

    /// <summary>A 64-bit float (<c>f64</c>), <see cref="double"/> in .NET.</summary>
    Float64,

    /// <summary>A 128-bit vector (<c>v128</c>), reserved for SIMD (maps to <c>Vector128&lt;T&gt;</c>).</summary>
    V128,

    /// <summary>A function reference (<c>funcref</c>).</summary>
    FuncRef,

    /// <summary>An opaque host reference (<c>externref</c>).</summary>
    ExternRef,
}
