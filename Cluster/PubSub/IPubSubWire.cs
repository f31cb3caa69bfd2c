namespace WasGo.Cluster;

/// <summary>How a node's pub-sub mediator reaches the others: it publishes bytes on a topic and listens to the topics it has subscribers for.</summary>
internal interface IPubSubWire : IAsyncDisposable
{
    /// <summary>Starts delivering what is published on <paramref name="topic"/> anywhere to this node.</summary>
    Task ListenAsync(string topic, CancellationToken cancellationToken);

    /// <summary>Stops delivering <paramref name="topic"/> to this node.</summary>
    Task StopListeningAsync(string topic, CancellationToken cancellationToken);

    /// <summary>Publishes a serialized message; at most once, without waiting (a subscriber follows live events, it does not keep a record).</summary>
    void Publish(string topic, string manifest, byte[] payload);
}
