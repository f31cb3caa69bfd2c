using System.Collections.Generic;
using WasGo.Wasm.Decoding;

namespace WasGo.Wasm.Validation;

/// <summary>What function bodies may refer to: the module's index spaces and declared references.</summary>
internal sealed class ValidationContext(ModuleDefinition module, HashSet<int> declaredFunctions, WasmFeatures features)
{
    public ModuleDefinition Module { get; } = module;

    /// <summary>Functions that may be used by ref.func in a body (C.refs).</summary>
    public HashSet<int> DeclaredFunctions { get; } = declaredFunctions;

    public WasmFeatures Features { get; } = features;

    public bool Has(WasmFeatures feature) => (Features & feature) != 0;
}
