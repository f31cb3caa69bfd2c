using WasGo.Actors;
using WasGo.Host.DeadLetters;
using WasGo.Host.Hosting;
using WasGo.Scripting;

namespace WasGo.Host.Worlds;

/// <summary>Follows the actor system's event stream: a tick's signals go to its world's feed, given-up messages and dead letters to the log.</summary>
internal sealed class WorldEventRouter(ActorSystemHostedService actors, WorldDirectory worlds, DeadLetterLog deadLetters) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ActorSystem system = actors.System;
        IActorRef listener = system.ActorOf(Props.Create(() => new EventStreamListener(Route)), "host-events");
        system.EventStream.Subscribe<WorldTicked>(listener);
        system.EventStream.Subscribe<AllDeadLetters>(listener);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Route(object message)
    {
        switch (message)
        {
            case WorldTicked ticked:
                worlds.Find(ticked.WorldId)?.Feed.Publish(ticked);
                deadLetters.Record(ticked);
                break;
            case AllDeadLetters letter:
                deadLetters.Record(letter);
                break;
        }
    }
}
