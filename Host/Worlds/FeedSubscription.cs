using System.Threading.Channels;

namespace WasGo.Host.Worlds;

/// <summary>One subscriber of a world's feed: the serialized messages waiting for it, a snapshot first.</summary>
internal sealed class FeedSubscription(WorldFeed feed, Channel<byte[]> messages) : IDisposable
{
    /// <summary>Gets the messages; completed with an error when the subscriber fell too far behind.</summary>
    public ChannelReader<byte[]> Messages => messages.Reader;

    internal ChannelWriter<byte[]> Writer => messages.Writer;

    /// <summary>Leaves the feed.</summary>
    public void Dispose() => feed.Leave(this);
}
