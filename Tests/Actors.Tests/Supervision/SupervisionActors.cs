using WasGo.Actors.Tests.Support;

namespace WasGo.Actors.Tests.Supervision;

internal sealed record Inc;

internal sealed record Get;

internal sealed record Fail(Exception Cause);

internal sealed record Block(Gate Gate);

internal sealed record Spawn(Props Props, string Name);

/// <summary>A parent that makes the children it is told to and answers with their references.</summary>
internal sealed class Supervisor : ReceiveActor
{
    public Supervisor() => Receive<Spawn>(s => Sender.Tell(Context.ActorOf(s.Props, s.Name)));
}

/// <summary>
/// A counter that fails on request and reports its lifecycle (with an instance number) to a probe
/// when asked to.
/// </summary>
internal sealed class Counter : ReceiveActor
{
    private static int s_instances;
    private readonly IActorRef? _lifecycle;
    private readonly int _instance;
    private int _count;

    public Counter(IActorRef? lifecycle = null)
    {
        _lifecycle = lifecycle;
        _instance = Interlocked.Increment(ref s_instances);
        _lifecycle?.Tell(new Hook(string.Empty, _instance, "ctor")); // Self is not available yet
        Receive<Inc>(_ => _count++);
        Receive<Get>(_ => Sender.Tell(_count));
        Receive<Fail>(f => throw f.Cause);
        ReceiveAsync<Block>(b => b.Gate.EnterAndWaitAsync());
        Receive<string>(s => Sender.Tell(s));
    }

    protected internal override void PreStart() => Report("PreStart");

    protected internal override void PostStop() => Report("PostStop");

    protected internal override void PreRestart(Exception reason, object? message)
    {
        Report("PreRestart " + reason.Message + " on " + message?.GetType().Name);
        base.PreRestart(reason, message);
    }

    protected internal override void PostRestart(Exception reason)
    {
        Report("PostRestart " + reason.Message);
        base.PostRestart(reason);
    }

    private void Report(string hook) => _lifecycle?.Tell(new Hook(Self.Path.Name, _instance, hook));
}

/// <summary>A lifecycle hook a <see cref="Counter"/> ran (its constructor reports no actor name: Self is not available there).</summary>
internal sealed record Hook(string Actor, int Instance, string Name);
