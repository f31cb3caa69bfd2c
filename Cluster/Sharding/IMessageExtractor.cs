namespace WasGo.Cluster;

/// <summary>
/// Tells a shard region which entity a message is for, which shard that entity lives in, and what
/// the entity itself receives (Akka's <c>IMessageExtractor</c>).
/// </summary>
/// <remarks>Called from region actors on any thread: implementations must be thread-safe and pure.</remarks>
public interface IMessageExtractor
{
    /// <summary>Gets the entity id of <paramref name="message"/>.</summary>
    /// <param name="message">A message sent to the region.</param>
    /// <returns>The entity id, or <see langword="null"/> when the message is not for an entity (it is dropped with a warning).</returns>
    string? EntityId(object message);

    /// <summary>Gets what the entity receives for <paramref name="message"/> (an envelope's payload).</summary>
    /// <param name="message">A message sent to the region.</param>
    /// <returns>The entity's message.</returns>
    object? EntityMessage(object message);

    /// <summary>Gets the shard of <paramref name="message"/>: a number from 0 to the shard count − 1, as a string.</summary>
    /// <param name="message">A message sent to the region, or a <see cref="StartEntity"/>.</param>
    /// <returns>The shard id.</returns>
    string ShardId(object message);
}
