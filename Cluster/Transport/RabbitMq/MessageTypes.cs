namespace WasGo.Cluster;

/// <summary>The AMQP <c>type</c> of each kind of message this transport publishes.</summary>
internal static class MessageTypes
{
    public const string Envelopes = "wasgo.envelopes";
    public const string Replies = "wasgo.replies";
    public const string Heartbeat = "wasgo.heartbeat";
    public const string Probe = "wasgo.probe";
}
