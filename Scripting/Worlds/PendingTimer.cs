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

    /// <summary>Writes it for a world snapshot: the due tick, the entity id, the timer id and the repeat.</summary>
    public void WriteTo(List<byte> output)
    {
        ScriptValueCodec.WriteInt64(output, DueTick);
        ScriptValueCodec.WriteString(output, EntityId);
        ScriptValueCodec.WriteInt64(output, TimerId);
        ScriptValueCodec.WriteInt64(output, RepeatTicks);
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote.</summary>
    public static PendingTimer ReadFrom(ReadOnlySpan<byte> input, ref int at) =>
        new(ScriptValueCodec.ReadInt64(input, ref at), ScriptValueCodec.ReadString(input, ref at), ScriptValueCodec.ReadInt64(input, ref at), ScriptValueCodec.ReadInt64(input, ref at));
}
