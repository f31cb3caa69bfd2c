using System.Reflection.Emit;

namespace WasGo.Wasm.Compilation;

/// <summary>Emission of the wasm operand stack as CIL locals.</summary>
internal sealed partial class FunctionCompiler
{
    /// <summary>CIL allows 65,535 locals; stay well below with the operand-stack slots.</summary>
    private const int MaxSlots = 40_000;

    private LocalBuilder Slot(int height, ValueKind kind)
    {
        if (!_slots.TryGetValue((height, kind), out var local))
        {
            if (_slots.Count >= MaxSlots)
            {
                throw new WasmException($"function body at byte offset {_body.Offset} needs more than {MaxSlots} operand stack slots, an implementation limit");
            }

            local = _il.DeclareLocal(CallingConvention.ClrType(kind));
            _slots[(height, kind)] = local;
        }

        return local;
    }

    /// <summary>Stores the value on the CIL stack as the new top of the wasm stack.</summary>
    private void Push(ValueKind kind)
    {
        _il.Emit(OpCodes.Stloc, Slot(_stack.Count, kind));
        _stack.Add(kind);
    }

    private void LoadSlot(int height) => _il.Emit(OpCodes.Ldloc, Slot(height, _stack[height]));

    /// <summary>Pops the top <paramref name="count"/> wasm values onto the CIL stack, deepest first.</summary>
    private void Load(int count)
    {
        var from = _stack.Count - count;
        for (var h = from; h < _stack.Count; h++)
        {
            LoadSlot(h);
        }

        _stack.RemoveRange(from, count);
    }

    private void EmitInt(int value) => _il.Emit(OpCodes.Ldc_I4, value);

    private void MarkUnreachable()
    {
        _unreachable = true;
        _skipDepth = 0;
    }
}
