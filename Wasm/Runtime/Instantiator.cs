using System;
using System.Collections.Generic;
using WasGo.Wasm.Decoding;

namespace WasGo.Wasm.Runtime;

/// <summary>
/// Builds a <see cref="ModuleInstance"/> from a module and resolved imports, following the spec's
/// instantiation: allocate, initialise globals, apply element then data segments (trapping at the
/// first that does not fit, keeping earlier writes), then run the start function.
/// </summary>
internal static class Instantiator
{
    public static ModuleInstance Instantiate(Store store, Module module, IReadOnlyList<object> imports)
    {
        var definition = module.Definition;
        var engine = store.Engine;
        store.AddInstance();
        var instance = new ModuleInstance(store, module.Compiled)
        {
            TypeIds = module.TypeIds,
            Functions = new FunctionInstance[definition.FunctionTypes.Count],
            Tables = new TableInstance[definition.Tables.Count],
            Globals = new GlobalInstance[definition.Globals.Count],
        };

        int function = 0, table = 0, global = 0;
        MemoryInstance? memory = null;
        for (var i = 0; i < imports.Count; i++)
        {
            switch (imports[i])
            {
                case FunctionInstance f: instance.Functions[function++] = f; break;
                case TableInstance t: instance.Tables[table++] = t; break;
                case MemoryInstance m: memory = m; break;
                case GlobalInstance g: instance.Globals[global++] = g; break;
                default: throw new LinkException($"import {i} resolved to an unsupported object");
            }
        }

        var compiled = module.Compiled;
        for (var f = 0; f < definition.Bodies.Count; f++)
        {
            var index = definition.ImportedFunctionCount + f;
            var typeIndex = definition.FunctionTypes[index];
            instance.Functions[index] = new FunctionInstance(definition.Types[typeIndex], instance.TypeIds[typeIndex], instance, compiled.CodePointers[f]);
        }

        for (var t = definition.ImportedTableCount; t < definition.Tables.Count; t++)
        {
            instance.Tables[t] = store.CreateTable(definition.Tables[t], null);
        }

        if (definition.Memories.Count > definition.ImportedMemoryCount)
        {
            memory = store.CreateMemory(definition.Memories[definition.ImportedMemoryCount]);
        }

        instance.Memory = memory;
        for (var g = definition.ImportedGlobalCount; g < definition.Globals.Count; g++)
        {
            var cell = new GlobalInstance(definition.Globals[g].Type);
            (cell.Bits, cell.Reference) = Evaluate(definition.Globals[g].Initializer!, instance);
            instance.Globals[g] = cell;
        }

        foreach (var export in definition.Exports)
        {
            instance.Exports[export.Name] = export.Kind switch
            {
                ExternKind.Function => instance.Functions[export.Index],
                ExternKind.Table => instance.Tables[export.Index],
                ExternKind.Memory => memory!,
                _ => instance.Globals[export.Index],
            };
        }

        instance.ElementSegments = new object?[definition.Elements.Count][];
        for (var e = 0; e < definition.Elements.Count; e++)
        {
            var segment = definition.Elements[e];
            var items = new object?[segment.Items.Length];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = Evaluate(segment.Items[i], instance).Reference;
            }

            instance.ElementSegments[e] = items;
        }

        instance.DataSegments = new byte[definition.Data.Count][];
        for (var d = 0; d < definition.Data.Count; d++)
        {
            instance.DataSegments[d] = definition.Data[d].Bytes;
        }

        if ((engine.Features & WasmFeatures.BulkMemory) == 0)
        {
            CheckSegmentsFit(definition, instance);
        }

        for (var e = 0; e < definition.Elements.Count; e++)
        {
            var segment = definition.Elements[e];
            if (segment.Mode == SegmentMode.Active)
            {
                var offset = (int)Evaluate(segment.OffsetExpression!, instance).Bits;
                TableOps.TableInit(instance, segment.Table, e, offset, 0, segment.Items.Length);
            }

            if (segment.Mode != SegmentMode.Passive)
            {
                instance.ElementSegments[e] = [];
            }
        }

        for (var d = 0; d < definition.Data.Count; d++)
        {
            var segment = definition.Data[d];
            if (segment.Mode == SegmentMode.Active)
            {
                var offset = (int)Evaluate(segment.OffsetExpression!, instance).Bits;
                MemoryOps.MemoryInit(instance, d, offset, 0, segment.Bytes.Length);
                instance.DataSegments[d] = [];
            }
        }

        if (definition.Start is { } start)
        {
            var startFunction = instance.Functions[start];
            store.Engine.Stubs.GetInvoker(startFunction.Type)(startFunction, [], []);
        }

        return instance;
    }

    /// <summary>WebAssembly 1.0 semantics: every active segment must fit before any is applied, else linking fails.</summary>
    private static void CheckSegmentsFit(ModuleDefinition definition, ModuleInstance instance)
    {
        foreach (var segment in definition.Elements)
        {
            if (segment.Mode == SegmentMode.Active)
            {
                var offset = (uint)Evaluate(segment.OffsetExpression!, instance).Bits;
                if ((ulong)offset + (ulong)segment.Items.Length > (ulong)instance.Tables[segment.Table].Length)
                {
                    throw new LinkException("elements segment does not fit");
                }
            }
        }

        foreach (var segment in definition.Data)
        {
            if (segment.Mode == SegmentMode.Active)
            {
                var offset = (uint)Evaluate(segment.OffsetExpression!, instance).Bits;
                if ((ulong)offset + (ulong)segment.Bytes.Length > instance.Memory!.Length)
                {
                    throw new LinkException("data segment does not fit");
                }
            }
        }
    }

    /// <summary>Evaluates a validated constant expression: numbers as bits, references as objects.</summary>
    private static (long Bits, object? Reference) Evaluate(Instruction[] expression, ModuleInstance instance)
    {
        (long, object?) value = default;
        foreach (var ins in expression)
        {
            switch (ins.Op)
            {
                case Opcode.I32Const or Opcode.I64Const or Opcode.F64Const:
                    value = (ins.B, null);
                    break;
                case Opcode.F32Const:
                    value = ((int)ins.B, null);
                    break;
                case Opcode.RefNull:
                    value = (0, null);
                    break;
                case Opcode.RefFunc:
                    value = (0, instance.Functions[ins.A]);
                    break;
                case Opcode.GlobalGet:
                    var cell = instance.Globals[ins.A];
                    value = (cell.Bits, cell.Reference);
                    break;
                default:
                    break;
            }
        }

        return value;
    }
}
