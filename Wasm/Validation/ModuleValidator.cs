using System.Collections.Generic;
using WasGo.Wasm.Decoding;

namespace WasGo.Wasm.Validation;

/// <summary>Validates a decoded module: index spaces, limits, segments, exports, and every function body.</summary>
internal static class ModuleValidator
{
    public const long MaxPages = 65536;

    /// <summary>Validates the module and returns, per function body, the operand types the compiler needs.</summary>
    public static ValueKind[][] Validate(ModuleDefinition module, WasmFeatures features = WasmFeatures.All)
    {
        foreach (var typeIndex in module.FunctionTypes)
        {
            if ((uint)typeIndex >= (uint)module.Types.Count)
            {
                throw new InvalidModuleException($"unknown type {typeIndex}");
            }
        }

        if ((features & WasmFeatures.MultiValue) == 0)
        {
            foreach (var type in module.Types)
            {
                if (type.ResultArray.Length > 1)
                {
                    throw new InvalidModuleException("invalid result arity");
                }
            }
        }

        if ((features & WasmFeatures.ReferenceTypes) == 0 && module.Tables.Count > 1)
        {
            throw new InvalidModuleException("multiple tables");
        }

        foreach (var table in module.Tables)
        {
            if (table.Maximum is { } max && max < table.Minimum)
            {
                throw new InvalidModuleException("size minimum must not be greater than maximum");
            }
        }

        if (module.Memories.Count > 1)
        {
            throw new InvalidModuleException("multiple memories");
        }

        foreach (var memory in module.Memories)
        {
            if (memory.Minimum > MaxPages || memory.Maximum > MaxPages)
            {
                throw new InvalidModuleException("memory size must be at most 65536 pages (4GiB)");
            }

            if (memory.Maximum is { } max && max < memory.Minimum)
            {
                throw new InvalidModuleException("size minimum must not be greater than maximum");
            }
        }

        var declared = new HashSet<int>();
        CollectReferences(module, declared);
        var context = new ValidationContext(module, declared, features);
        var validator = new FunctionValidator(context);

        for (var g = module.ImportedGlobalCount; g < module.Globals.Count; g++)
        {
            var global = module.Globals[g];
            validator.ValidateConstant(global.Initializer!, global.Type.Kind, module.ImportedGlobalCount);
        }

        var names = new HashSet<string>();
        foreach (var export in module.Exports)
        {
            if (!names.Add(export.Name))
            {
                throw new InvalidModuleException("duplicate export name", export.Position);
            }

            var count = export.Kind switch
            {
                ExternKind.Function => module.FunctionTypes.Count,
                ExternKind.Table => module.Tables.Count,
                ExternKind.Memory => module.Memories.Count,
                _ => module.Globals.Count,
            };
            if ((uint)export.Index >= (uint)count)
            {
                throw new InvalidModuleException($"unknown {export.Kind.ToString().ToUpperInvariant()} {export.Index}", export.Position);
            }
        }

        if (module.Start is { } start)
        {
            if ((uint)start >= (uint)module.FunctionTypes.Count)
            {
                throw new InvalidModuleException($"unknown function {start}", module.StartPosition);
            }

            var type = module.FunctionType(start);
            if (type.ParameterArray.Length != 0 || type.ResultArray.Length != 0)
            {
                throw new InvalidModuleException("start function must have type [] -> []", module.StartPosition);
            }
        }

        foreach (var segment in module.Elements)
        {
            if (segment.Mode == SegmentMode.Active)
            {
                if ((uint)segment.Table >= (uint)module.Tables.Count)
                {
                    throw new InvalidModuleException($"unknown table {segment.Table}", segment.Position);
                }

                if (module.Tables[segment.Table].Element != segment.Type)
                {
                    throw new InvalidModuleException("type mismatch: element segment and table types differ", segment.Position);
                }

                validator.ValidateConstant(segment.OffsetExpression!, ValueKind.Int32, module.ImportedGlobalCount);
            }

            foreach (var item in segment.Items)
            {
                validator.ValidateConstant(item, segment.Type, module.ImportedGlobalCount);
            }
        }

        foreach (var segment in module.Data)
        {
            if (segment.Mode == SegmentMode.Active)
            {
                if ((uint)segment.Memory >= (uint)module.Memories.Count)
                {
                    throw new InvalidModuleException($"unknown memory {segment.Memory}", segment.Position);
                }

                validator.ValidateConstant(segment.OffsetExpression!, ValueKind.Int32, module.ImportedGlobalCount);
            }
        }

        var recorded = new ValueKind[module.Bodies.Count][];
        for (var f = 0; f < module.Bodies.Count; f++)
        {
            var type = module.FunctionType(module.ImportedFunctionCount + f);
            recorded[f] = validator.Validate(type, module.Bodies[f]);
        }

        return recorded;
    }

    private static void CollectReferences(ModuleDefinition module, HashSet<int> declared)
    {
        foreach (var global in module.Globals)
        {
            AddReferences(global.Initializer, declared);
        }

        foreach (var segment in module.Elements)
        {
            foreach (var item in segment.Items)
            {
                AddReferences(item, declared);
            }
        }

        foreach (var export in module.Exports)
        {
            if (export.Kind == ExternKind.Function)
            {
                declared.Add(export.Index);
            }
        }
    }

    private static void AddReferences(Instruction[]? expression, HashSet<int> declared)
    {
        if (expression is null)
        {
            return;
        }

        foreach (var ins in expression)
        {
            if (ins.Op == Opcode.RefFunc)
            {
                declared.Add(ins.A);
            }
        }
    }
}
