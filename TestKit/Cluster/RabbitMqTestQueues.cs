using System.Globalization;
using RabbitMQ.Client;

namespace WasGo.Actors.TestKit;

/// <summary>Removes what a test cluster declared on a shared broker, so that test runs do not pile up queues.</summary>
public static class RabbitMqTestQueues
{
    /// <summary>Deletes the shard queues and the heartbeat exchange of one entity type under one queue prefix.</summary>
    /// <param name="uri">The broker's AMQP URI.</param>
    /// <param name="queuePrefix">The prefix the test cluster used (RabbitMqTransportOptions.QueuePrefix).</param>
    /// <param name="typeName">The entity type's name.</param>
    /// <param name="shardCount">The shard count the test cluster used.</param>
    /// <returns>A task that completes when they are gone.</returns>
    public static async Task DeleteAsync(string uri, string queuePrefix, string typeName, int shardCount)
    {
        var factory = new ConnectionFactory { Uri = new Uri(uri) };
        IConnection connection = await factory.CreateConnectionAsync().ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            IChannel channel = await connection.CreateChannelAsync().ConfigureAwait(false);
            await using (channel.ConfigureAwait(false))
            {
                for (int shard = 0; shard < shardCount; shard++)
                {
                    await channel.QueueDeleteAsync(queuePrefix + "." + typeName + ".shard." + shard.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
                }

                await channel.ExchangeDeleteAsync(queuePrefix + "." + typeName + ".heartbeat").ConfigureAwait(false);
            }
        }
    }
}
