using System.Text;
using Akka.Actor;
using WasGo.Persistence;

namespace WasGo.Cluster;

/// <summary>The sender of a message that came through the broker: a reply goes back to the node whose sender waits.</summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class RemoteReplyRef(IShardTransport transport, PersistenceSerializer serializer, string nodeId, long correlationId, IActorRef shard) : MinimalActorRef
{
    private ActorPath? _path;

    /// <summary>Gets a path under the shard, made only when asked for (one of these is made per message from another node).</summary>
    public override ActorPath Path => _path ??= shard.Path.Child("$remote");

    /// <inheritdoc />
    public override IActorRefProvider Provider => ((IInternalActorRef)shard).Provider;

    protected override void TellInternal(object message, IActorRef sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        transport.Reply(nodeId, ToWire(message));
    }

    private WireReply ToWire(object message)
    {
        switch (message)
        {
            case Status.Failure failure:
                return Failure(failure.Cause.Message);
            case StartEntityAck ack:
                return new WireReply(correlationId, WireKind.StartEntity, ack.ShardId, Encoding.UTF8.GetBytes(ack.EntityId));
            default:
                try
                {
                    (byte[] bytes, string manifest) = serializer.Serialize(message);
                    return new WireReply(correlationId, WireKind.Message, manifest, bytes);
                }
                catch (Exception e)
                {
                    // The sender learns why instead of waiting for a timeout.
                    return Failure($"The reply {message.GetType().Name} could not be serialized: {e.Message}");
                }
        }
    }

    private WireReply Failure(string text) => new(correlationId, WireKind.Failure, string.Empty, Encoding.UTF8.GetBytes(text));
}
