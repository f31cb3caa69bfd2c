using WasGo.Actors.TestKit;

namespace WasGo.Cluster.Tests;

/// <summary>Publishes to a test cluster's queues as a foreign or broken sender would.</summary>
internal static class ForeignSender
{
    /// <summary>Publishes the same raw message to every shard queue of a test cluster.</summary>
    public static async Task PublishToEveryShardAsync(string prefix, string typeName, int shardCount, string type, byte[] body)
    {
        var factory = new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(TestServers.RabbitMq) };
        await using RabbitMQ.Client.IConnection connection = await factory.CreateConnectionAsync();
        await using RabbitMQ.Client.IChannel channel = await connection.CreateChannelAsync();
        for (int shard = 0; shard < shardCount; shard++)
        {
            await channel.BasicPublishAsync(string.Empty, $"{prefix}.{typeName}.shard.{shard}", mandatory: false, new RabbitMQ.Client.BasicProperties { Type = type }, body);
        }
    }
}
