namespace WasGo.Wasm.Runtime;

/// <summary>
/// A store's remaining fuel. Compiled code subtracts the cost of each basic block as it enters it
/// and traps at function entry and loop headers once the count is below zero.
/// </summary>
internal sealed class FuelCell
{
    /// <summary>Fuel left; negative once used up (the trap comes at the next check).</summary>
    public long Remaining;
}
