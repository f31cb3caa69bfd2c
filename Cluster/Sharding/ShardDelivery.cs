using Akka.Actor;

namespace WasGo.Cluster;

/// <summary>What an entity can learn about the delivery of the message it is handling.</summary>
public static class ShardDelivery
{
    /// <summary>
    /// Gets the id of the message a shard delivered with this sender — the same in every redelivery,
    /// so an entity that records it with the message's effect can make a repeat take no effect — or
    /// null when the sender is not a shard's delivery.
    /// </summary>
    /// <param name="sender">The entity's <c>Sender</c> while it handles the message.</param>
    /// <returns>The message id, or null.</returns>
    public static Guid? MessageIdOf(IActorRef sender) => sender is DeliveryReplyRef delivery ? delivery.MessageId : null;
}
