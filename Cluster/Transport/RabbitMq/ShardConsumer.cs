using Akka.Actor;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace WasGo.Cluster;

/// <summary>
/// This node's place in one shard queue's single-active-consumer line: its own channel, so that
/// closing it hands off this shard alone. Each consume gets a new generation; deliveries,
/// acknowledgements and hand-offs of an older generation are ignored, since that channel is gone.
/// </summary>
/// <remarks>Thread-safe: the broker's dispatcher, the ack loop and the reconnect loop all use it.</remarks>
internal sealed class ShardConsumer(RabbitMqTransport transport, int shardId, string queue)
{
    private readonly Lock _sync = new();
    private IChannel? _channel;
    private long _generation = -1;
    private bool _active;

    public int ShardId => shardId;

    public async Task ConsumeAsync(IConnection connection, CancellationToken cancellationToken)
    {
        IChannel channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.BasicQosAsync(0, transport.Prefetch, global: false, cancellationToken).ConfigureAwait(false);
        long generation = transport.NextGeneration();
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => OnReceivedAsync(generation, delivery);
        lock (_sync)
        {
            _channel = channel;
            _generation = generation;
            _active = false;
        }

        await channel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);

        // RabbitMQ 3.10 never says who is active: a probe reaches whoever is, and tells it.
        transport.Probe(shardId);
    }

    /// <summary>Forgets the channel after the connection dropped: it died with it.</summary>
    public void Reset()
    {
        lock (_sync)
        {
            _channel = null;
            _generation = -1;
            _active = false;
        }
    }

    public async Task AckAsync(long generation, ulong deliveryTag)
    {
        IChannel? channel = ChannelOf(generation);
        if (channel is null)
        {
            return;
        }

        try
        {
            await channel.BasicAckAsync(deliveryTag, multiple: false).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.OperationInterruptedException or ObjectDisposedException)
        {
            // The channel closed first: the broker redelivers the message, and its id keeps its effect single.
            transport.LogAckLost(shardId, e);
        }
    }

    public async Task HandOffAsync(long generation, bool consumeAgain, IConnection? connection, CancellationToken cancellationToken)
    {
        IChannel? channel;
        lock (_sync)
        {
            if (generation != _generation)
            {
                return;
            }

            channel = _channel;
            _channel = null;
            _generation = -1;
            _active = false;
        }

        if (channel is not null)
        {
            // Closing (not basic.cancel) returns the unacknowledged messages to the front of the queue, in order.
            await channel.CloseAsync(cancellationToken).ConfigureAwait(false);
            channel.Dispose();
        }

        if (consumeAgain && connection is { IsOpen: true })
        {
            await ConsumeAsync(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    private IChannel? ChannelOf(long generation)
    {
        lock (_sync)
        {
            return generation == _generation ? _channel : null;
        }
    }

    private Task OnReceivedAsync(long generation, BasicDeliverEventArgs delivery)
    {
        bool first;
        lock (_sync)
        {
            if (generation != _generation)
            {
                return Task.CompletedTask;
            }

            first = !_active;
            _active = true;
        }

        IActorRef region = transport.Region;
        if (first)
        {
            region.Tell(new ShardActivated(shardId, generation));
        }

        ulong tag = delivery.DeliveryTag;
        if (delivery.BasicProperties.Type != MessageTypes.Envelopes)
        {
            // A probe (or something foreign): it has told us what it could.
            transport.Acknowledge(this, generation, tag);
            return Task.CompletedTask;
        }

        List<WireEnvelope> envelopes;
        try
        {
            envelopes = WireCodec.DecodeEnvelopes(delivery.Body);
        }
        catch (InvalidDataException e)
        {
            transport.LogMalformed(queue, e.Message);
            transport.Acknowledge(this, generation, tag);
            return Task.CompletedTask;
        }

        if (envelopes.Count == 0)
        {
            transport.Acknowledge(this, generation, tag);
            return Task.CompletedTask;
        }

        region.Tell(new ShardDeliveries(shardId, generation, envelopes, new DeliveryBatch(envelopes.Count, () => transport.Acknowledge(this, generation, tag))));
        return Task.CompletedTask;
    }
}
