namespace WasGo.Cluster;

/// <summary>
/// The envelopes of one broker message: the message is acknowledged when the last of them is done,
/// never before, so a crash before then redelivers all of them (their ids make that harmless).
/// </summary>
/// <remarks>Thread-safe: entities complete their envelopes from any thread.</remarks>
internal sealed class DeliveryBatch(int count, Action acknowledge)
{
    private int _remaining = count;

    /// <summary>Gets a batch that needs no acknowledgement (an in-memory delivery).</summary>
    public static DeliveryBatch None { get; } = new(int.MaxValue, static () => { });

    public void CompleteOne()
    {
        // Interlocked: entities of one broker message finish on different threads; exactly one of them sees zero.
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            acknowledge();
        }
    }
}
