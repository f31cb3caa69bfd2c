namespace WasGo.Cluster;

/// <summary>
/// Work for a shard's channel, done in order by one loop: acknowledgements, and a hand-off that must
/// come after every acknowledgement queued before it (a close drops acks not yet sent).
/// </summary>
internal abstract record AckCommand(ShardConsumer Consumer, long Generation)
{
    /// <summary>Acknowledges one broker message.</summary>
    public sealed record Ack(ShardConsumer Consumer, long Generation, ulong DeliveryTag) : AckCommand(Consumer, Generation);

    /// <summary>Closes the shard's channel and maybe consumes again at the back of the line.</summary>
    public sealed record HandOff(ShardConsumer Consumer, long Generation, bool ConsumeAgain, TaskCompletionSource Done) : AckCommand(Consumer, Generation);
}
