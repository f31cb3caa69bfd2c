using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace WasGo.Cluster;

/// <summary>
/// The RabbitMQ transport of one entity type on one node. Shard queues are quorum queues with
/// single-active-consumer, so the broker alone decides which node processes a shard; a fanout
/// exchange carries heartbeats; each node has its own queue for replies and heartbeats.
/// </summary>
/// <remarks>
/// Thread-safe. Its own reconnect loop (not the client's automatic recovery) rebuilds everything
/// after the connection drops, because the region must first learn that every shard was lost.
/// </remarks>
internal sealed partial class RabbitMqTransport : IShardTransport
{
    private const int MaxDrain = 8192;

    private readonly RabbitMqTransportOptions _options;
    private readonly ClusterShardingOptions _sharding;
    private readonly string _names;
    private readonly string _address;
    private readonly bool _hostsShards;
    private readonly ILogger _logger;
    private readonly ConnectionFactory _factory;
    private readonly ShardConsumer[] _consumers;
    private readonly Channel<Outgoing> _outgoing = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<AckCommand> _acks = Channel.CreateUnbounded<AckCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _sync = new();
    private IActorRef? _region;
    private IConnection? _connection;
    private IChannel? _publishChannel;
    private long _generations;
    private int _reconnecting;
    private Task _loops = Task.CompletedTask;

    public RabbitMqTransport(RabbitMqTransportOptions options, ClusterShardingOptions sharding, string typeName, bool hostsShards, ILogger logger)
    {
        _options = options;
        _sharding = sharding;
        _names = options.QueuePrefix + "." + typeName;

        // Scheme, host and port only: the URI may hold a password, and this goes into logs.
        _address = new Uri(options.Uri).GetComponents(UriComponents.SchemeAndServer, UriFormat.Unescaped);
        _hostsShards = hostsShards;
        _logger = logger;
        _factory = new ConnectionFactory
        {
            Uri = new Uri(options.Uri),
            RequestedHeartbeat = options.ConnectionHeartbeat,
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            ClientProvidedName = sharding.NodeId,
        };
        _consumers = [.. Enumerable.Range(0, sharding.ShardCount).Select(shard => new ShardConsumer(this, shard, ShardQueue(shard)))];
    }

    public IActorRef Region => _region ?? throw new InvalidOperationException("The RabbitMQ transport is used before StartAsync.");

    public ushort Prefetch => _options.Prefetch;

    public async Task StartAsync(IActorRef region, CancellationToken cancellationToken)
    {
        _region = region;
        try
        {
            await ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            throw new InvalidOperationException($"Node {_sharding.NodeId} cannot reach RabbitMQ at {_address} for '{_names}': {e.Message}. Check that the broker runs and RabbitMq:Uri is right.", e);
        }

        _loops = Task.WhenAll(Task.Run(PublishLoopAsync, CancellationToken.None), Task.Run(AckLoopAsync, CancellationToken.None));
    }

    public void Send(int shardId, WireEnvelope envelope) => _outgoing.Writer.TryWrite(new Outgoing.ToShard(shardId, envelope));

    public void Reply(string nodeId, WireReply reply) => _outgoing.Writer.TryWrite(new Outgoing.ToNode(nodeId, reply));

    public void PublishHeartbeat(Heartbeat heartbeat) =>
        _outgoing.Writer.TryWrite(new Outgoing.Single(HeartbeatExchange, string.Empty, MessageTypes.Heartbeat, JsonSerializer.SerializeToUtf8Bytes(heartbeat)));

    public void Probe(int shardId) => _outgoing.Writer.TryWrite(new Outgoing.Single(string.Empty, ShardQueue(shardId), MessageTypes.Probe, []));

    public Task HandOffAsync(int shardId, long generation, bool consumeAgain)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_acks.Writer.TryWrite(new AckCommand.HandOff(_consumers[shardId], generation, consumeAgain, done)))
        {
            done.TrySetResult();
        }

        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _outgoing.Writer.TryComplete();
        _acks.Writer.TryComplete();
        try
        {
            await _loops.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loops stop by cancellation.
        }

        IConnection? connection;
        lock (_sync)
        {
            connection = _connection;
            _connection = null;
            _publishChannel = null;
        }

        if (connection is not null)
        {
            try
            {
                await connection.CloseAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.OperationInterruptedException or IOException)
            {
                // Closing a connection that is going away anyway.
            }

            connection.Dispose();
        }

        _stopping.Dispose();
    }

    internal long NextGeneration() => Interlocked.Increment(ref _generations);

    internal void Acknowledge(ShardConsumer consumer, long generation, ulong deliveryTag) =>
        _acks.Writer.TryWrite(new AckCommand.Ack(consumer, generation, deliveryTag));

    private string HeartbeatExchange => _names + ".heartbeat";

    private string ShardQueue(int shardId) => _names + ".shard." + shardId.ToString(CultureInfo.InvariantCulture);

    private string NodeQueue(string nodeId) => _names + ".node." + nodeId;

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        IConnection connection = await _factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IChannel setup = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await setup.ExchangeDeclareAsync(HeartbeatExchange, ExchangeType.Fanout, durable: false, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            var shardQueueArguments = new Dictionary<string, object?>
            {
                ["x-queue-type"] = "quorum",
                ["x-single-active-consumer"] = true,
            };
            for (int shard = 0; shard < _sharding.ShardCount; shard++)
            {
                await setup.QueueDeclareAsync(ShardQueue(shard), durable: true, exclusive: false, autoDelete: false, shardQueueArguments, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            string nodeQueue = NodeQueue(_sharding.NodeId);
            await setup.QueueDeclareAsync(nodeQueue, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            await setup.QueueBindAsync(nodeQueue, HeartbeatExchange, string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
            var nodeConsumer = new AsyncEventingBasicConsumer(setup);
            nodeConsumer.ReceivedAsync += OnNodeMessageAsync;
            await setup.BasicConsumeAsync(nodeQueue, autoAck: true, nodeConsumer, cancellationToken).ConfigureAwait(false);

            IChannel publish = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken).ConfigureAwait(false);
            connection.ConnectionShutdownAsync += OnConnectionShutdownAsync;
            lock (_sync)
            {
                _connection = connection;
                _publishChannel = publish;
            }

            if (_hostsShards)
            {
                foreach (ShardConsumer consumer in _consumers)
                {
                    await consumer.ConsumeAsync(connection, cancellationToken).ConfigureAwait(false);
                }
            }

            LogConnected(_sharding.NodeId, _address, _names);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private Task OnConnectionShutdownAsync(object sender, ShutdownEventArgs args)
    {
        lock (_sync)
        {
            if (!ReferenceEquals(sender, _connection))
            {
                return Task.CompletedTask;
            }

            _connection = null;
            _publishChannel = null;
        }

        foreach (ShardConsumer consumer in _consumers)
        {
            consumer.Reset();
        }

        if (_stopping.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        LogConnectionLost(_sharding.NodeId, args.ReplyText);
        Region.Tell(ShardsLost.Instance);

        // One reconnect loop at a time: a connection lost while the loop is still starting its
        // consumers fails that attempt, and the loop itself tries again.
        if (Interlocked.CompareExchange(ref _reconnecting, 1, 0) == 0)
        {
            _ = Task.Run(ReconnectAsync, CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    private async Task ReconnectAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.ReconnectDelay, _stopping.Token).ConfigureAwait(false);
                await ConnectAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogReconnectFailed(_sharding.NodeId, Brief(e));
                continue;
            }

            // Connected. A loss between the connect and this point found the loop still running and
            // started none: go on if the connection is already gone again.
            Volatile.Write(ref _reconnecting, 0);
            lock (_sync)
            {
                if (_connection is not null)
                {
                    return;
                }
            }

            if (Interlocked.CompareExchange(ref _reconnecting, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private Task OnNodeMessageAsync(object sender, BasicDeliverEventArgs delivery)
    {
        try
        {
            switch (delivery.BasicProperties.Type)
            {
                case MessageTypes.Replies:
                    Region.Tell(new RepliesReceived(WireCodec.DecodeReplies(delivery.Body)));
                    break;
                case MessageTypes.Heartbeat:
                    Heartbeat heartbeat = JsonSerializer.Deserialize<Heartbeat>(delivery.Body.Span) ?? throw new InvalidDataException("The heartbeat is JSON null.");
                    Region.Tell(new HeartbeatReceived(heartbeat));
                    break;
                default:
                    throw new InvalidDataException($"The message type '{delivery.BasicProperties.Type}' is not one this node knows.");
            }
        }
        catch (Exception e) when (e is InvalidDataException or JsonException)
        {
            LogMalformed(NodeQueue(_sharding.NodeId), e.Message);
        }

        return Task.CompletedTask;
    }

    private async Task PublishLoopAsync()
    {
        ChannelReader<Outgoing> reader = _outgoing.Reader;
        while (await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
        {
            var toShards = new Dictionary<int, List<WireEnvelope>>();
            var toNodes = new Dictionary<string, List<WireReply>>(StringComparer.Ordinal);
            var messages = new List<BrokerMessage>();

            // Everything queued since the last round goes now, one broker message per queue and batch:
            // batching costs no waiting, it happens when messages queue up behind a publish.
            for (int taken = 0; taken < MaxDrain && reader.TryRead(out Outgoing? item); taken++)
            {
                switch (item)
                {
                    case Outgoing.ToShard shard:
                        GroupOf(toShards, shard.ShardId).Add(shard.Envelope);
                        break;
                    case Outgoing.ToNode node:
                        GroupOf(toNodes, node.NodeId).Add(node.Reply);
                        break;
                    case Outgoing.Single single:
                        messages.Add(new BrokerMessage(single.Exchange, single.RoutingKey, single.Type, single.Body, Retry: false));
                        break;
                }
            }

            foreach ((int shard, List<WireEnvelope> envelopes) in toShards)
            {
                foreach (WireEnvelope[] chunk in envelopes.Chunk(_options.MaxBatchSize))
                {
                    messages.Add(new BrokerMessage(string.Empty, ShardQueue(shard), MessageTypes.Envelopes, WireCodec.EncodeEnvelopes(chunk), Retry: true));
                }
            }

            foreach ((string node, List<WireReply> replies) in toNodes)
            {
                foreach (WireReply[] chunk in replies.Chunk(_options.MaxBatchSize))
                {
                    // Retried too: a node's queue keeps its name across reconnects, and its senders keep waiting.
                    messages.Add(new BrokerMessage(string.Empty, NodeQueue(node), MessageTypes.Replies, WireCodec.EncodeReplies(chunk), Retry: true));
                }
            }

            await PublishAsync(messages).ConfigureAwait(false);
        }
    }

    private static List<T> GroupOf<TKey, T>(Dictionary<TKey, List<T>> groups, TKey key)
        where TKey : notnull
    {
        if (!groups.TryGetValue(key, out List<T>? group))
        {
            group = [];
            groups.Add(key, group);
        }

        return group;
    }

    /// <summary>
    /// Publishes with confirms, all at once; envelopes and replies whose publish failed are published
    /// again once the connection is back, so neither is lost to a broker restart.
    /// </summary>
    private async Task PublishAsync(List<BrokerMessage> messages)
    {
        while (messages.Count > 0)
        {
            IChannel? channel;
            lock (_sync)
            {
                channel = _publishChannel;
            }

            if (channel is null)
            {
                await Task.Delay(_options.ReconnectDelay, _stopping.Token).ConfigureAwait(false);
                continue;
            }

            var publishes = messages.Select(m => (Message: m, Task: PublishOneAsync(channel, m))).ToList();
            var failed = new List<BrokerMessage>();
            Exception? firstError = null;
            int failures = 0;
            foreach ((BrokerMessage message, Task<Exception?> published) in publishes)
            {
                if (await published.ConfigureAwait(false) is { } error)
                {
                    firstError ??= error;
                    failures++;
                    if (message.Retry)
                    {
                        failed.Add(message);
                    }
                }
            }

            if (firstError is not null)
            {
                LogPublishFailed(failures, publishes.Count, Brief(firstError));
                await Task.Delay(_options.ReconnectDelay, _stopping.Token).ConfigureAwait(false);
            }

            messages = failed;
        }
    }

    /// <returns>The error, or <see langword="null"/> when the broker confirmed the message.</returns>
    private async Task<Exception?> PublishOneAsync(IChannel channel, BrokerMessage message)
    {
        var properties = new BasicProperties
        {
            Type = message.Type,
            DeliveryMode = message.Type == MessageTypes.Envelopes ? DeliveryModes.Persistent : DeliveryModes.Transient,
        };
        try
        {
            await channel.BasicPublishAsync(message.Exchange, message.RoutingKey, mandatory: false, properties, message.Body, _stopping.Token).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return e;
        }
    }

    /// <summary>The first line of an error: the client's messages embed whole stack traces.</summary>
    internal static string Brief(Exception error)
    {
        string message = error.Message;
        int cut = message.IndexOf(", exception=", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        return message.Length > 300 ? message[..300] : message;
    }

    private async Task AckLoopAsync()
    {
        await foreach (AckCommand command in _acks.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
        {
            switch (command)
            {
                case AckCommand.Ack ack:
                    await ack.Consumer.AckAsync(ack.Generation, ack.DeliveryTag).ConfigureAwait(false);
                    break;
                case AckCommand.HandOff handOff:
                    await HandOffNowAsync(handOff).ConfigureAwait(false);
                    break;
            }
        }
    }

    private async Task HandOffNowAsync(AckCommand.HandOff handOff)
    {
        IConnection? connection;
        lock (_sync)
        {
            connection = _connection;
        }

        try
        {
            await handOff.Consumer.HandOffAsync(handOff.Generation, handOff.ConsumeAgain, connection, _stopping.Token).ConfigureAwait(false);
            LogHandedOff(_sharding.NodeId, handOff.Consumer.ShardId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The connection is going: its shutdown handler consumes everything again on a new one.
            LogHandOffFailed(handOff.Consumer.ShardId, Brief(e));
        }
        finally
        {
            handOff.Done.TrySetResult();
        }
    }
}
