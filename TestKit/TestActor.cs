using System.Threading.Channels;

namespace WasGo.Actors.TestKit;

/// <summary>The real actor behind a <see cref="TestProbe"/>: it queues what it receives for the test, and watches on request.</summary>
internal sealed class TestActor : ReceiveActor
{
    public TestActor(ChannelWriter<ReceivedMessage> queue)
    {
        Receive<WatchRequest>(request => Context.Watch(request.Subject));
        Receive<UnwatchRequest>(request => Context.Unwatch(request.Subject));
        ReceiveAny(message => queue.TryWrite(new ReceivedMessage(message, Sender)));
    }

    internal sealed record WatchRequest(IActorRef Subject);

    internal sealed record UnwatchRequest(IActorRef Subject);
}
