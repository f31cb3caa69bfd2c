namespace WasGo.Cluster;

/// <summary>One message as published to the broker.</summary>
/// <param name="Exchange">The exchange; empty for the default exchange, which routes by queue name.</param>
/// <param name="RoutingKey">The queue name, or empty for the heartbeat fanout.</param>
/// <param name="Type">What the body is (the AMQP <c>type</c> property).</param>
/// <param name="Body">The bytes.</param>
/// <param name="Retry">Whether to publish it again after a failure (heartbeats and probes are not: newer ones follow).</param>
internal sealed record BrokerMessage(string Exchange, string RoutingKey, string Type, byte[] Body, bool Retry);
