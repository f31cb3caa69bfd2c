using System.Threading.Channels;
using Akka.Actor;
using WasGo.Actors.Worlds;
using WasGo.Scripting;

namespace WasGo.Host.Worlds;

/// <summary>
/// Follows one world's input feed for one client connection: asks the world (wherever it runs) for
/// its feed and hands each frame on to the connection's channel. The world that answers is watched:
/// when it stops (its node leaves or dies, its shard moves), or answers nothing for a while, the
/// follower asks again, from the last tick it passed on, and the world's next incarnation starts the
/// feed again with a start frame that carries the inputs since that tick when it still has them.
/// A client that falls <c>WasGo:Http:FeedBuffer</c> frames behind is dropped (the channel completes
/// with <see cref="FellBehindException"/>).
/// </summary>
internal sealed class InputFollower : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan s_askAgainAfter = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_afterStop = TimeSpan.FromMilliseconds(200);
    private readonly HostedWorld _world;
    private readonly ChannelWriter<byte[]> _frames;
    private IActorRef? _following;
    private long? _lastTick;

    /// <summary>Initializes the follower.</summary>
    /// <param name="world">The world.</param>
    /// <param name="frames">Where the frames go; bounded.</param>
    /// <param name="from">The tick the client is at, when it comes back; null for a new client.</param>
    public InputFollower(HostedWorld world, ChannelWriter<byte[]> frames, long? from)
    {
        _world = world;
        _frames = frames;
        _lastTick = from;
        Receive<WorldInputFrame>(OnFrame);
        Receive<Terminated>(gone => OnWorldStopped(gone.ActorRef));
        Receive<AskAgain>(_ => Follow());
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart() => Follow();

    /// <inheritdoc />
    protected override void PostStop() => _frames.TryComplete();

    private void Follow()
    {
        _world.Tell(new FollowWorldInputs(_lastTick), Self);
        Timers.StartSingleTimer(AskAgain.Instance, AskAgain.Instance, s_askAgainAfter);
    }

    private void OnFrame(WorldInputFrame frame)
    {
        if (!Sender.Equals(_following))
        {
            // A world answering for the first time (or its next incarnation): it is the one followed now.
            if (_following is not null)
            {
                Context.Unwatch(_following);
            }

            _following = Sender;
            Context.Watch(Sender);
        }

        Timers.Cancel(AskAgain.Instance);
        _lastTick = InputFeedFrame.TickOf(frame.Frame);
        if (!_frames.TryWrite(frame.Frame))
        {
            _frames.TryComplete(new FellBehindException());
            Context.Stop(Self);
        }
    }

    private void OnWorldStopped(IActorRef world)
    {
        if (world.Equals(_following))
        {
            _following = null;
            Timers.StartSingleTimer(AskAgain.Instance, AskAgain.Instance, s_afterStop);
        }
    }

    private sealed class AskAgain
    {
        public static AskAgain Instance { get; } = new();
    }
}
