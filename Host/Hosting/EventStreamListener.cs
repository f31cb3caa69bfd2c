using Akka.Actor;

namespace WasGo.Host.Hosting;

/// <summary>An actor that hands every event it is subscribed to to a callback: how the host's services (not actors) follow the event stream.</summary>
internal sealed class EventStreamListener : ReceiveActor
{
    public EventStreamListener(Action<object> onEvent) => ReceiveAny(onEvent);
}
