using System;
using System.Runtime.CompilerServices;

namespace WasGo.Wasm.Runtime;

/// <summary>Table instructions and the lookup of <c>call_indirect</c>, each bounds-checked with its own trap.</summary>
internal static class TableOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FunctionInstance ResolveIndirect(TableInstance table, int index, int typeId)
    {
        var elements = table.Elements;
        if ((uint)index >= (uint)elements.Length)
        {
            Traps.Throw(TrapCode.UndefinedElement);
        }

        var function = Unsafe.As<FunctionInstance>(elements[index]);
        if (function is null)
        {
            Traps.Throw(TrapCode.UninitializedElement);
        }

        if (function.TypeId != typeId)
        {
            Traps.Throw(TrapCode.IndirectCallTypeMismatch);
        }

        return function;
    }

    public static object? TableGet(TableInstance table, int index)
    {
        if ((uint)index >= (uint)table.Elements.Length)
        {
            Traps.TableOutOfBounds();
        }

        return table.Elements[index];
    }

    public static void TableSet(TableInstance table, int index, object? value)
    {
        if ((uint)index >= (uint)table.Elements.Length)
        {
            Traps.TableOutOfBounds();
        }

        table.Elements[index] = value;
    }

    public static int TableSize(TableInstance table) => table.Elements.Length;

    public static int TableGrow(TableInstance table, object? value, int delta) => table.Grow(delta, value);

    public static void TableFill(TableInstance table, int index, object? value, int count)
    {
        if ((ulong)(uint)index + (uint)count > (ulong)table.Elements.Length)
        {
            Traps.TableOutOfBounds();
        }

        table.Elements.AsSpan((int)(uint)index, (int)(uint)count).Fill(value);
    }

    public static void TableCopy(TableInstance destinationTable, TableInstance sourceTable, int destination, int source, int count)
    {
        if ((ulong)(uint)destination + (uint)count > (ulong)destinationTable.Elements.Length
            || (ulong)(uint)source + (uint)count > (ulong)sourceTable.Elements.Length)
        {
            Traps.TableOutOfBounds();
        }

        Array.Copy(sourceTable.Elements, (int)(uint)source, destinationTable.Elements, (int)(uint)destination, (int)(uint)count);
    }

    public static void TableInit(ModuleInstance instance, int table, int segment, int destination, int source, int count)
    {
        var target = instance.Tables[table];
        var items = instance.ElementSegments[segment];
        if ((ulong)(uint)destination + (uint)count > (ulong)target.Elements.Length
            || (ulong)(uint)source + (uint)count > (ulong)items.Length)
        {
            Traps.TableOutOfBounds();
        }

        Array.Copy(items, (int)(uint)source, target.Elements, (int)(uint)destination, (int)(uint)count);
    }

    public static void ElemDrop(ModuleInstance instance, int segment) => instance.ElementSegments[segment] = [];
}
