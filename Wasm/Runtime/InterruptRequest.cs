namespace WasGo.Wasm.Runtime;

/// <summary>A flag another thread sets to stop the guest code of a store; compiled code polls it.</summary>
internal sealed class InterruptRequest
{
    /// <summary>Non-zero when an interrupt is pending; written and read with volatile semantics.</summary>
    public int Requested;
}
