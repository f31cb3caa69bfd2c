using Akka.Actor;

namespace WasGo.Cluster;

/// <summary>
/// The sender an entity sees for a delivered message. Its first reply goes on to the real sender and
/// marks the delivery done, which acknowledges the broker message once all of its envelopes are done:
/// an entity answers after its effect is persisted, so nothing is acknowledged before that.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class DeliveryReplyRef(EntityDelivery delivery, IActorRef shard, IActorRef entity) : MinimalActorRef
{
    private int _answered;
    private ActorPath? _path;

    /// <summary>Gets a path under the entity, made only when asked for (one of these is made per delivered message).</summary>
    public override ActorPath Path => _path ??= entity.Path.Child("$reply");

    /// <inheritdoc />
    public override IActorRefProvider Provider => ((IInternalActorRef)shard).Provider;

    /// <summary>Gets the id of the message being answered, the same in every redelivery.</summary>
    public Guid MessageId => delivery.MessageId;

    protected override void TellInternal(object message, IActorRef sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        delivery.ReplyTo.Tell(message, sender);

        // Interlocked: a second reply is passed on too, but the delivery is done only once.
        if (Interlocked.Exchange(ref _answered, 1) == 0)
        {
            delivery.Batch.CompleteOne();
            shard.Tell(new DeliveryDone(delivery.EntityId));
        }
    }
}
