using System.Threading.Channels;

namespace WasGo.Host.Worlds;

/// <summary>One subscriber of a world's feed: the serialized messages waiting for it, a snapshot first.</summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class FeedSubscription(WorldFeed feed, Channel<byte[]> messages) : IDisposable
{
    private readonly CancellationTokenSource _dropped = new();
    private int _droppedBehind;

    /// <summary>Gets the messages; completed when the subscriber is dropped (then <see cref="DroppedBehind"/> says so).</summary>
    public ChannelReader<byte[]> Messages => messages.Reader;

    /// <summary>Gets how many messages behind the subscriber was when the feed dropped it, or null while it is in the feed.</summary>
    public int? DroppedBehind => Volatile.Read(ref _droppedBehind) is > 0 and var behind ? behind : null;

    /// <summary>Gets a token cancelled when the feed drops the subscriber.</summary>
    public CancellationToken Dropped => _dropped.Token;

    internal ChannelWriter<byte[]> Writer => messages.Writer;

    /// <summary>Leaves the feed.</summary>
    public void Dispose()
    {
        feed.Leave(this);
        _dropped.Dispose();
    }

    /// <summary>Marks the subscriber dropped, <paramref name="behind"/> messages behind: its queue ends, and the <see cref="Dropped"/> callbacks run (on this thread).</summary>
    internal void Drop(int behind)
    {
        if (Interlocked.CompareExchange(ref _droppedBehind, behind, 0) != 0)
        {
            return;
        }

        Writer.TryComplete();
        try
        {
            _dropped.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // It left at the same moment.
        }
    }
}
