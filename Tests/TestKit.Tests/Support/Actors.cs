namespace WasGo.Actors.TestKit.Tests.Support;

/// <summary>Replies to every message with the message itself.</summary>
internal sealed class Echo : ReceiveActor
{
    public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
}

/// <summary>Sends each message it gets to a fixed target, as itself.</summary>
internal sealed class Relay : ReceiveActor
{
    public Relay(IActorRef target) => ReceiveAny(m => target.Tell(m, Self));
}

/// <summary>Holds its mailbox inside a handler until the gate opens: an actor that will not stop.</summary>
internal sealed class Stuck : ReceiveActor
{
    public Stuck(TaskCompletionSource entered, Task release) => ReceiveAsync<string>(_ =>
    {
        entered.TrySetResult();
        return release;
    });
}

/// <summary>Sends a message after a delay, on real time.</summary>
internal static class Later
{
    public static void Tell(IActorRef target, object message, TimeSpan delay) =>
        _ = Task.Delay(delay).ContinueWith(_ => target.Tell(message), TaskScheduler.Default);
}
