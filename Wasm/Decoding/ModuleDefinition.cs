using System.Collections.Generic;

namespace WasGo.Wasm.Decoding;

/// <summary>Everything decoded from a binary module, imports first in each index space.</summary>
internal sealed class ModuleDefinition
{
    public List<FunctionType> Types { get; } = [];

    public List<ImportDefinition> Imports { get; } = [];

    /// <summary>Type index of every function, imported ones first.</summary>
    public List<int> FunctionTypes { get; } = [];

    public List<TableType> Tables { get; } = [];

    public List<MemoryType> Memories { get; } = [];

    public List<GlobalDefinition> Globals { get; } = [];

    public List<ExportDefinition> Exports { get; } = [];

    public List<ElementSegment> Elements { get; } = [];

    public List<DataSegment> Data { get; } = [];

    public List<FunctionBody> Bodies { get; } = [];

    /// <summary>Function names from the "name" custom section, by function index (may be empty).</summary>
    public Dictionary<int, string> FunctionNames { get; } = [];

    public int ImportedFunctionCount { get; set; }

    public int ImportedTableCount { get; set; }

    public int ImportedMemoryCount { get; set; }

    public int ImportedGlobalCount { get; set; }

    public int? Start { get; set; }

    public int StartPosition { get; set; }

    public int? DataCount { get; set; }

    public FunctionType FunctionType(int function) => Types[FunctionTypes[function]];
}
