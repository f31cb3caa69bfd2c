using Akka.Actor;

namespace WasGo.Cluster;

/// <summary>Sends a message to every subscriber of a topic on every node (Akka's <c>DistributedPubSubMediator.Publish</c>). Nothing is replied.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Message">The message; its type must be registered on the pub-sub's serializer when it crosses nodes.</param>
public sealed record Publish(string Topic, object Message);

/// <summary>Subscribes an actor to a topic on this node; the reply (to the sender) is a <see cref="SubscribeAck"/> once messages published anywhere reach it.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Ref">The subscriber; it is unsubscribed when it stops.</param>
public sealed record Subscribe(string Topic, IActorRef Ref);

/// <summary>Unsubscribes an actor from a topic; the reply is an <see cref="UnsubscribeAck"/>.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Ref">The subscriber.</param>
public sealed record Unsubscribe(string Topic, IActorRef Ref);

/// <summary>The reply to <see cref="Subscribe"/>: from now on the subscriber gets what is published.</summary>
/// <param name="Subscribe">The request.</param>
public sealed record SubscribeAck(Subscribe Subscribe);

/// <summary>The reply to <see cref="Unsubscribe"/>.</summary>
/// <param name="Unsubscribe">The request.</param>
public sealed record UnsubscribeAck(Unsubscribe Unsubscribe);
