using Akka.Actor;
using Microsoft.Extensions.Logging;
using WasGo.Actors.Logging;
using WasGo.Persistence;

namespace WasGo.Cluster;

/// <summary>
/// A node's pub-sub mediator (Akka's <c>DistributedPubSubMediator</c>): it keeps this node's
/// subscribers by topic, listens on the wire to the topics that have some, and hands each message
/// that arrives to every subscriber of its topic. Without a wire it is a single node's.
/// </summary>
internal sealed partial class PubSubMediator : ReceiveActor
{
    private ILogger Log { get; } = Context.System.LoggerFactory().CreateLogger<PubSubMediator>();

    private readonly IPubSubWire? _wire;
    private readonly PersistenceSerializer _serializer;
    private readonly Dictionary<string, HashSet<IActorRef>> _subscribers = new(StringComparer.Ordinal);

    public PubSubMediator(IPubSubWire? wire, PersistenceSerializer serializer)
    {
        _wire = wire;
        _serializer = serializer;
        Receive<Publish>(OnPublish);
        ReceiveAsync<Subscribe>(OnSubscribeAsync);
        ReceiveAsync<Unsubscribe>(u => RemoveAsync(u.Topic, u.Ref, reply: new UnsubscribeAck(u)));
        ReceiveAsync<Terminated>(OnTerminatedAsync);
        Receive<PubSubDelivery>(OnDelivery);
    }

    /// <summary>Whether a topic can be a routing key on its own: a binding key with '*' or '#' would subscribe to a pattern.</summary>
    public static bool IsValidTopic(string topic) =>
        !string.IsNullOrEmpty(topic) && topic.Length <= 200 && topic.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private void OnPublish(Publish publish)
    {
        if (!IsValidTopic(publish.Topic))
        {
            LogBadTopic(Log, publish.Topic);
            return;
        }

        if (_wire is null)
        {
            Deliver(publish.Topic, publish.Message);
            return;
        }

        try
        {
            (byte[] payload, string manifest) = _serializer.Serialize(publish.Message);
            _wire.Publish(publish.Topic, manifest, payload);
        }
        catch (Exception e)
        {
            // A type nobody registered is the publisher's mistake: said once per message, the mediator lives on.
            LogNotSerializable(Log, publish.Topic, publish.Message.GetType().Name, e.Message);
        }
    }

    private async Task OnSubscribeAsync(Subscribe subscribe)
    {
        IActorRef requester = Sender;
        if (!IsValidTopic(subscribe.Topic))
        {
            requester.Tell(new Status.Failure(new ArgumentException($"The topic '{subscribe.Topic}' must be 1 to 200 ASCII letters, digits, '-', '_' or '.'.", nameof(subscribe))));
            return;
        }

        if (!_subscribers.TryGetValue(subscribe.Topic, out HashSet<IActorRef>? subscribers))
        {
            try
            {
                if (_wire is not null)
                {
                    await _wire.ListenAsync(subscribe.Topic, CancellationToken.None).ConfigureAwait(true);
                }
            }
            catch (Exception e)
            {
                // The broker is away: this subscription is refused, and the others stay as they are.
                requester.Tell(new Status.Failure(new InvalidOperationException($"Subscribing to '{subscribe.Topic}' failed: {e.Message}", e)));
                return;
            }

            _subscribers[subscribe.Topic] = subscribers = [];
        }

        subscribers.Add(subscribe.Ref);
        Context.Watch(subscribe.Ref);
        requester.Tell(new SubscribeAck(subscribe));
    }

    private async Task OnTerminatedAsync(Terminated terminated)
    {
        foreach (string topic in _subscribers.Where(t => t.Value.Contains(terminated.ActorRef)).Select(t => t.Key).ToList())
        {
            await RemoveAsync(topic, terminated.ActorRef, reply: null).ConfigureAwait(true);
        }
    }

    private async Task RemoveAsync(string topic, IActorRef subscriber, object? reply)
    {
        IActorRef requester = Sender;
        if (_subscribers.TryGetValue(topic, out HashSet<IActorRef>? subscribers) && subscribers.Remove(subscriber) && subscribers.Count == 0)
        {
            _subscribers.Remove(topic);
            try
            {
                if (_wire is not null)
                {
                    await _wire.StopListeningAsync(topic, CancellationToken.None).ConfigureAwait(true);
                }
            }
            catch (Exception e)
            {
                // Still bound: messages for the topic keep coming and find no subscriber here, which is harmless.
                LogUnbindFailed(Log, topic, e.Message);
            }
        }

        if (!_subscribers.Values.Any(s => s.Contains(subscriber)))
        {
            Context.Unwatch(subscriber);
        }

        if (reply is not null)
        {
            requester.Tell(reply);
        }
    }

    private void OnDelivery(PubSubDelivery delivery)
    {
        object message;
        try
        {
            message = _serializer.Deserialize(delivery.Payload, delivery.Manifest);
        }
        catch (Exception e)
        {
            LogNotReadable(Log, delivery.Topic, delivery.Manifest, e.Message);
            return;
        }

        Deliver(delivery.Topic, message);
    }

    private void Deliver(string topic, object message)
    {
        if (_subscribers.TryGetValue(topic, out HashSet<IActorRef>? subscribers))
        {
            foreach (IActorRef subscriber in subscribers)
            {
                subscriber.Tell(message);
            }
        }
    }

    [LoggerMessage(EventId = 4174, Level = LogLevel.Debug, Message = "This node could not stop listening to '{Topic}' ({Reason}); its messages are dropped here")]
    private static partial void LogUnbindFailed(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 4171, Level = LogLevel.Warning, Message = "A message was published on the topic '{Topic}', which is not a valid topic; it was dropped")]
    private static partial void LogBadTopic(ILogger logger, string topic);

    [LoggerMessage(EventId = 4172, Level = LogLevel.Warning, Message = "A {Type} published on '{Topic}' cannot be serialized ({Reason}); register its type on the pub-sub's serializer")]
    private static partial void LogNotSerializable(ILogger logger, string topic, string type, string reason);

    [LoggerMessage(EventId = 4173, Level = LogLevel.Warning, Message = "A message on '{Topic}' with manifest '{Manifest}' cannot be read on this node ({Reason}); it was dropped")]
    private static partial void LogNotReadable(ILogger logger, string topic, string manifest, string reason);
}

/// <summary>A message that arrived on the wire for a topic this node listens to.</summary>
internal sealed record PubSubDelivery(string Topic, string Manifest, ReadOnlyMemory<byte> Payload);
