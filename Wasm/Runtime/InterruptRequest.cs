namespace WasGo.Wasm.Runtime;

/// <summary>
/// What stops the guest code of a store: a flag another thread sets and compiled code polls, and
/// the store's wall-clock deadline, which the engine's watchdog turns into that flag.
/// </summary>
internal sealed class InterruptRequest
{
    /// <summary><see cref="Requested"/> when <see cref="Store.Interrupt"/> asked.</summary>
    public const int ByHost = 1;

    /// <summary><see cref="Requested"/> when the watchdog saw the deadline pass.</summary>
    public const int ByDeadline = 2;

    /// <summary>No deadline.</summary>
    public const long NoDeadline = long.MaxValue;

    /// <summary>Non-zero (<see cref="ByHost"/>, <see cref="ByDeadline"/>) when an interrupt is pending; written and read with volatile semantics.</summary>
    public int Requested;

    /// <summary>When the deadline passes, in <see cref="Environment.TickCount64"/> milliseconds, or <see cref="NoDeadline"/>; written under <see cref="Gate"/>.</summary>
    public long Deadline = NoDeadline;

    /// <summary>
    /// 1 while the store's deadline and its <see cref="ByDeadline"/> flag are being changed together:
    /// by the store setting or clearing its deadline, or by the watchdog firing it. So the flag is
    /// only ever set for the deadline the store has now, and compiled code can trap on sight of it.
    /// </summary>
    public int Gate;

    /// <summary>1 while the watchdog looks at this store: from its first deadline until it has had none for a while.</summary>
    public int Watched;

    /// <summary>Watchdog ticks in a row this store had no deadline (the watchdog's alone).</summary>
    public int IdleTicks;
}
