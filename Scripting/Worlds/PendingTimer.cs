namespace WasGo.Scripting;

/// <summary>A timer an entity started, in the order its world fires timers: by due tick, then entity id, then timer id.</summary>
/// <param name="DueTick">The tick in which it fires, after that tick's <c>_process</c>.</param>
/// <param name="EntityId">The entity that started it.</param>
/// <param name="TimerId">The entity's id of it.</param>
/// <param name="RepeatTicks">How many ticks after firing it fires again; 0 if it fires once.</param>
internal sealed record PendingTimer(long DueTick, string EntityId, long TimerId, long RepeatTicks) : IComparable<PendingTimer>
{
    public int CompareTo(PendingTimer? other) => other is null ? 1
        : DueTick != other.DueTick ? DueTick.CompareTo(other.DueTick)
        : string.CompareOrdinal(EntityId, other.EntityId) is var byEntity and not 0 ? byEntity
        : TimerId.CompareTo(other.TimerId);
}
