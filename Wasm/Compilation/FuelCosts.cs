using WasGo.Wasm.Decoding;

namespace WasGo.Wasm.Compilation;

/// <summary>
/// The fuel cost of each basic block of a function body: every instruction costs 1, and a block
/// ends after any instruction control can leave or enter by (block, loop, if, else, end, branches,
/// return, calls, unreachable). The cost is charged where the block starts, so the same code on the
/// same inputs consumes the same fuel everywhere.
/// </summary>
internal static class FuelCosts
{
    /// <summary>For each instruction index, the cost of the block starting there (0 where none starts).</summary>
    public static int[] OfBlocks(Instruction[] code)
    {
        var costs = new int[code.Length];
        var start = 0;
        for (var i = 0; i < code.Length; i++)
        {
            if (EndsBlock(code[i].Op) || i == code.Length - 1)
            {
                costs[start] = i - start + 1;
                start = i + 1;
            }
        }

        return costs;
    }

    private static bool EndsBlock(Opcode op) => op is Opcode.Block or Opcode.Loop or Opcode.If or Opcode.Else or Opcode.End
        or Opcode.Br or Opcode.BrIf or Opcode.BrTable or Opcode.Return or Opcode.Call or Opcode.CallIndirect or Opcode.Unreachable;
}
