using System.Globalization;

namespace WasGo.Cluster;

/// <summary>
/// Maps an entity id to a shard by a stable hash modulo the shard count (Akka's
/// <c>HashCodeMessageExtractor</c>). Understands <see cref="ShardingEnvelope"/> and
/// <see cref="StartEntity"/>; derive from it to read ids from your own message types.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public class HashCodeMessageExtractor : IMessageExtractor
{
    /// <summary>Initializes an extractor.</summary>
    /// <param name="maxNumberOfShards">The shard count; it must equal the cluster's <see cref="ClusterShardingOptions.ShardCount"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNumberOfShards"/> is less than 1.</exception>
    public HashCodeMessageExtractor(int maxNumberOfShards)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfShards, 1);
        MaxNumberOfShards = maxNumberOfShards;
    }

    /// <summary>Gets the shard count.</summary>
    public int MaxNumberOfShards { get; }

    /// <inheritdoc />
    public virtual string? EntityId(object message) => message switch
    {
        ShardingEnvelope envelope => envelope.EntityId,
        StartEntity start => start.EntityId,
        _ => null,
    };

    /// <inheritdoc />
    public virtual object? EntityMessage(object message) => message is ShardingEnvelope envelope ? envelope.Message : message;

    /// <inheritdoc />
    public string ShardId(object message)
    {
        string? entityId = EntityId(message);
        return entityId is null ? string.Empty : ShardIdOf(entityId, MaxNumberOfShards).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Gets the shard of an entity id: the same number on every node and in every process.</summary>
    /// <param name="entityId">The entity id.</param>
    /// <param name="maxNumberOfShards">The shard count.</param>
    /// <returns>A number from 0 to <paramref name="maxNumberOfShards"/> − 1.</returns>
    public static int ShardIdOf(string entityId, int maxNumberOfShards)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfShards, 1);
        return (int)(StableHash.Of(entityId) % (uint)maxNumberOfShards);
    }
}
