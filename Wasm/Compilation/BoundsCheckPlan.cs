using System.Collections.Generic;
using System.Linq;
using WasGo.Wasm.Decoding;

namespace WasGo.Wasm.Compilation;

/// <summary>
/// Finds loads that can share one bounds check: loads from the same local plus a constant (the
/// shape clang gives <c>p[i], p[i + 1], …</c>) in straight-line code where nothing between them is
/// observable after a trap. The first load of a group checks that the whole range from the lowest
/// address to the highest end fits; the others go unchecked. Only when that fast check fails are the
/// members checked one by one (the 32-bit address additions may wrap), and a trap there is
/// indistinguishable from the trap the original code would have hit at a later load of the group,
/// since nothing observable happens in between.
/// </summary>
internal static class BoundsCheckPlan
{
    /// <summary>One load of a group; <see cref="Members"/> is set on the group's first load, which checks for all.</summary>
    /// <param name="Local">The wasm local holding the base address.</param>
    /// <param name="Members">For the first load: every member's constant and end (offset + size); null for the others.</param>
    public sealed record GroupedLoad(int Local, IReadOnlyList<GroupMember>? Members)
    {
        /// <summary>The lowest constant added to the local: the fast check starts there.</summary>
        public int MinConstant => Members is null ? 0 : Members.Min(m => m.Constant);

        /// <summary>The highest end of the group counted from <see cref="MinConstant"/>.</summary>
        public long Span => Members is null ? 0 : Members.Max(m => (long)m.Constant - MinConstant + m.End);
    }

    /// <summary>A load of a group: the constant added to the local, and the end of the access past the sum.</summary>
    /// <param name="Constant">The i32 constant added (wrapping) to the local; 0 for the local alone.</param>
    /// <param name="End">The load's offset plus its size.</param>
    public readonly record struct GroupMember(int Constant, long End);

    /// <summary>Plans a function body; loads not in the result keep their own check.</summary>
    public static Dictionary<int, GroupedLoad> Plan(Instruction[] code)
    {
        var plan = new Dictionary<int, GroupedLoad>();
        var open = new Dictionary<int, List<(int Index, GroupMember Member)>>();
        for (var i = 0; i < code.Length; i++)
        {
            var op = code[i].Op;
            if (OpcodeInfo.IsLoad(op))
            {
                if (AddressOf(code, i) is var (local, constant))
                {
                    if (!open.TryGetValue(local, out var members))
                    {
                        open[local] = members = [];
                    }

                    members.Add((i, new GroupMember(constant, code[i].B + OpcodeInfo.MemoryAccess(op).Size)));
                }

                continue;
            }

            if (op is Opcode.LocalSet or Opcode.LocalTee)
            {
                Close(open, code[i].A, plan);
            }
            else if (!IsUnobservable(op))
            {
                CloseAll(open, plan);
            }
        }

        CloseAll(open, plan);
        return plan;
    }

    /// <summary>The address of the load at <paramref name="index"/> when it is <c>local</c> or <c>local + constant</c>.</summary>
    private static (int Local, int Constant)? AddressOf(Instruction[] code, int index)
    {
        if (index >= 1 && code[index - 1].Op == Opcode.LocalGet)
        {
            return (code[index - 1].A, 0);
        }

        if (index >= 3 && code[index - 1].Op == Opcode.I32Add && code[index - 2].Op == Opcode.I32Const
            && code[index - 3].Op == Opcode.LocalGet)
        {
            return (code[index - 3].A, (int)code[index - 2].B);
        }

        return null;
    }

    /// <summary>Instructions with no effect a trap would reveal: no stores, calls, branches, global writes or traps of another kind.</summary>
    private static bool IsUnobservable(Opcode op) =>
        op is Opcode.Nop or Opcode.Drop or Opcode.Select or Opcode.SelectTyped or Opcode.LocalGet or Opcode.GlobalGet
            or Opcode.I32Const or Opcode.I64Const or Opcode.F32Const or Opcode.F64Const
        || (OpcodeInfo.TryNumeric(op, out _, out _, out _) && !CanTrap(op));

    private static bool CanTrap(Opcode op) =>
        op is Opcode.I32DivS or Opcode.I32DivU or Opcode.I32RemS or Opcode.I32RemU
            or Opcode.I64DivS or Opcode.I64DivU or Opcode.I64RemS or Opcode.I64RemU
            or (>= Opcode.I32TruncF32S and <= Opcode.I32TruncF64U)
            or (>= Opcode.I64TruncF32S and <= Opcode.I64TruncF64U);

    private static void Close(Dictionary<int, List<(int Index, GroupMember Member)>> open, int local, Dictionary<int, GroupedLoad> plan)
    {
        if (open.Remove(local, out var members) && members.Count > 1)
        {
            plan[members[0].Index] = new GroupedLoad(local, members.ConvertAll(m => m.Member));
            for (var m = 1; m < members.Count; m++)
            {
                plan[members[m].Index] = new GroupedLoad(local, null);
            }
        }
    }

    private static void CloseAll(Dictionary<int, List<(int Index, GroupMember Member)>> open, Dictionary<int, GroupedLoad> plan)
    {
        foreach (var local in new List<int>(open.Keys))
        {
            Close(open, local, plan);
        }
    }
}
