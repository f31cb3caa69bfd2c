using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace WasGo.Cluster;

/// <summary>
/// Pub-sub over one RabbitMQ topic exchange: a message's routing key is its topic, and each node
/// binds its own exclusive queue to the topics it has subscribers for. Live events only: the queue
/// goes with the node, and the client library's automatic recovery redeclares it after a broker
/// restart (what was published meanwhile is not seen, which is what a live feed expects).
/// </summary>
internal sealed partial class RabbitMqPubSubWire : IPubSubWire
{
    private static readonly TimeSpan s_drainTimeout = TimeSpan.FromSeconds(5);
    private readonly DistributedPubSubOptions _options;
    private readonly ILogger _logger;
    private readonly string _exchange;
    private readonly string _queue;
    private readonly Channel<(string Topic, string Manifest, byte[] Payload)> _outgoing;
    private IConnection? _connection;
    private IChannel? _control;
    private IChannel? _publish;
    private Task _publishing = Task.CompletedTask;

    public RabbitMqPubSubWire(DistributedPubSubOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _exchange = options.ExchangePrefix + ".pubsub";

        // Named by the client, not the server: automatic recovery declares it again under the same name, with its bindings.
        _queue = _exchange + "." + options.NodeId + "." + Guid.NewGuid().ToString("N")[..8];
        _outgoing = Channel.CreateBounded<(string, string, byte[])>(new BoundedChannelOptions(options.MaxPendingPublishes)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
    }

    /// <summary>Connects, declares the exchange and this node's queue, and starts consuming it.</summary>
    public async Task ConnectAsync(Action<string, string, ReadOnlyMemory<byte>> received, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(_options.Uri),
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromMilliseconds(500),
            ClientProvidedName = _options.NodeId + " pubsub",
        };
        _connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        _control = await _connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await _control.ExchangeDeclareAsync(_exchange, ExchangeType.Topic, durable: false, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await _control.QueueDeclareAsync(_queue, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        var consumer = new AsyncEventingBasicConsumer(_control);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            received(delivery.RoutingKey, delivery.BasicProperties.Type ?? string.Empty, delivery.Body.ToArray());
            return Task.CompletedTask;
        };
        await _control.BasicConsumeAsync(_queue, autoAck: true, consumer, cancellationToken).ConfigureAwait(false);
        _publish = await _connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        _publishing = PublishLoopAsync(_publish);
    }

    public Task ListenAsync(string topic, CancellationToken cancellationToken) =>
        Control.QueueBindAsync(_queue, _exchange, topic, cancellationToken: cancellationToken);

    public Task StopListeningAsync(string topic, CancellationToken cancellationToken) =>
        Control.QueueUnbindAsync(_queue, _exchange, topic, cancellationToken: cancellationToken);

    public void Publish(string topic, string manifest, byte[] payload) => _outgoing.Writer.TryWrite((topic, manifest, payload));

    public async ValueTask DisposeAsync()
    {
        _outgoing.Writer.TryComplete();
        try
        {
            // What is still queued goes out unless the broker holds it up: live events are not worth a stuck shutdown.
            await _publishing.WaitAsync(s_drainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogPublishDropped("(every topic)", "the broker did not take the last messages in time");
        }

        if (_connection is { } connection)
        {
            await connection.CloseAsync().ConfigureAwait(false);
            connection.Dispose();
        }
    }

    private IChannel Control => _control ?? throw new InvalidOperationException("The pub-sub wire is used before it connected.");

    private async Task PublishLoopAsync(IChannel channel)
    {
        await foreach ((string topic, string manifest, byte[] payload) in _outgoing.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await channel.BasicPublishAsync(_exchange, topic, mandatory: false, new BasicProperties { Type = manifest }, payload).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or IOException)
            {
                // The broker is away: live events are not kept for later. Recovery reopens the channel.
                LogPublishDropped(topic, e.Message);
            }
        }
    }

    [LoggerMessage(EventId = 4170, Level = LogLevel.Debug, Message = "A message on topic {Topic} was not published ({Reason}); pub-sub delivers live events at most once")]
    private partial void LogPublishDropped(string topic, string reason);
}
