using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using WasGo.Actors.Worlds;
using WasGo.Host.DeadLetters;
using WasGo.Host.Hosting;

namespace WasGo.Host.Worlds;

/// <summary>
/// Follows the actor system's event stream: the ticks of the worlds running here are published to
/// every node through Akka's DistributedPubSub (a world's feed may have followers on any of them), and the ticks published by any
/// node go to its world's feed here and their given-up messages to the dead-letter log, with this
/// node's own dead letters.
/// </summary>
internal sealed class WorldEventRouter(ActorSystem system, WorldDirectory worlds, DeadLetterLog deadLetters) : IHostedService
{
    /// <summary>The pub-sub topic of world ticks.</summary>
    public const string TicksTopic = "world-ticks";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        IActorRef mediator = DistributedPubSub.Get(system).Mediator;
        IActorRef local = system.ActorOf(Props.Create(() => new EventStreamListener(e => OnLocalEvent(mediator, e))), "host-events");
        system.EventStream.Subscribe<WorldTicked>(local);
        system.EventStream.Subscribe<AllDeadLetters>(local);
        IActorRef published = system.ActorOf(Props.Create(() => new EventStreamListener(OnPublishedTick)), "host-world-ticks");
        await mediator.Ask<SubscribeAck>(new Subscribe(TicksTopic, published), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void OnLocalEvent(IActorRef mediator, object message)
    {
        if (message is WorldTicked tick)
        {
            // Every tick of a world running here (the published ones leave out ticks without signals).
            worlds.Find(tick.WorldId)?.Observe(tick);
        }

        switch (message)
        {
            case WorldTicked ticked when ticked.Signals.Count > 0 || ticked.GivenUp is { Count: > 0 }:
                // What the other end keeps of a tick is its signals and given-up messages: a tick with neither is not sent.
                mediator.Tell(new Publish(TicksTopic, ticked));
                break;
            case AllDeadLetters letter:
                deadLetters.Record(letter);
                break;
        }
    }

    private void OnPublishedTick(object message)
    {
        if (message is WorldTicked ticked)
        {
            if (worlds.Find(ticked.WorldId) is { } world)
            {
                world.Observe(ticked);
                world.Feed.Publish(ticked);
            }

            deadLetters.Record(ticked);
        }
    }
}
