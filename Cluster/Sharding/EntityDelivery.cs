using Akka.Actor;

namespace WasGo.Cluster;

/// <summary>A message for one entity of an active shard, from memory or from the broker.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="MessageId">The message's id, the same in every redelivery.</param>
/// <param name="Message">What the entity receives, or <see langword="null"/> to only start it.</param>
/// <param name="ReplyTo">Who gets the entity's reply.</param>
/// <param name="Batch">Acknowledges the broker message once every envelope in it is done.</param>
internal sealed record EntityDelivery(string EntityId, Guid MessageId, object? Message, IActorRef ReplyTo, DeliveryBatch Batch);
