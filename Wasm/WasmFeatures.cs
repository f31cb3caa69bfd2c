using System;

namespace WasGo.Wasm;

/// <summary>The post-MVP features of WebAssembly 2.0 an engine accepts; all are on by default.</summary>
[Flags]
public enum WasmFeatures
{
    /// <summary>WebAssembly 1.0 (MVP) only.</summary>
    None = 0,

    /// <summary>Sign-extension operators (<c>i32.extend8_s</c> ...).</summary>
    SignExtension = 1,

    /// <summary>Non-trapping float-to-int conversions (<c>i32.trunc_sat_f32_s</c> ...).</summary>
    SaturatingFloatToInt = 2,

    /// <summary>Functions and blocks with several results, blocks with parameters.</summary>
    MultiValue = 4,

    /// <summary>Bulk memory and table operations, passive segments; segments applied one by one at instantiation.</summary>
    BulkMemory = 8,

    /// <summary>funcref/externref values, several tables, <c>table.*</c> and <c>ref.*</c> instructions.</summary>
    ReferenceTypes = 16,

    /// <summary>Everything in WebAssembly 2.0 except SIMD.</summary>
    All = SignExtension | SaturatingFloatToInt | MultiValue | BulkMemory | ReferenceTypes,
}
