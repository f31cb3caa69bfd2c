namespace WasGo.Cluster;

/// <summary>
/// The envelopes of one broker message: the message is acknowledged when the last of them is done,
/// never before, so a crash before then redelivers all of them (their ids make that harmless).
/// </summary>
/// <remarks>Thread-safe: entities complete their envelopes from any thread.</remarks>
internal sealed class DeliveryBatch(int count, Action? acknowledge)
{
    private int _remaining = count;

    /// <summary>Gets the batch of in-memory deliveries: nothing to acknowledge, and no shared counter to contend on.</summary>
    public static DeliveryBatch None { get; } = new(0, null);

    public void CompleteOne()
    {
        // Interlocked: entities of one broker message finish on different threads; exactly one of them sees zero.
        if (acknowledge is not null && Interlocked.Decrement(ref _remaining) == 0)
        {
            acknowledge();
        }
    }
}
