using FluentAssertions;
using WasGo.Actors.TestKit;
using WasGo.Actors.Tests.Support;
using Xunit.Abstractions;

namespace WasGo.Actors.Tests.Systems;

public sealed class ActorSystemTests(ITestOutputHelper output) : TestKit.TestKit(output)
{
    [Fact]
    public async Task Terminate_Should_StopEveryActor_ChildrenBeforeParents_AndCompleteWhenTerminated()
    {
        var stops = new StopLog();
        await using ActorSystem system = ActorSystem.Create("terminate-order");
        for (int i = 0; i < 3; i++)
        {
            system.ActorOf(Props.Create(() => new Tree(stops, 2)), "top" + i);
        }

        // 3 trees of 1 + 2 + 4 actors: wait until every one has started.
        await AwaitConditionAsync(() => stops.Started == 21, Timeouts.Long);

        await system.Terminate().WaitAsync(Timeouts.Long);

        system.WhenTerminated.IsCompletedSuccessfully.Should().BeTrue();
        IReadOnlyList<string> order = stops.Stopped;
        order.Should().HaveCount(21);
        foreach (string path in order)
        {
            string? parent = path[..path.LastIndexOf('/')];
            if (order.Contains(parent))
            {
                order.ToList().IndexOf(parent).Should().BeGreaterThan(order.ToList().IndexOf(path), "{0} stops after its child {1}", parent, path);
            }
        }
    }

    [Fact]
    public async Task Terminate_Should_ReturnTheSameTask_WhenCalledAgain()
    {
        await using ActorSystem system = ActorSystem.Create("terminate-twice");

        Task first = system.Terminate();
        Task second = system.Terminate();

        second.Should().BeSameAs(first);
        await first.WaitAsync(Timeouts.Long);
    }

    [Fact]
    public async Task ActorOf_Should_Throw_AfterTerminate()
    {
        await using ActorSystem system = ActorSystem.Create("closed");

        Task terminated = system.Terminate();
        Action spawn = () => system.ActorOf(Props.Create(() => new Tree(new StopLog(), 0)));

        spawn.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("terminat");
        await terminated.WaitAsync(Timeouts.Long);
        spawn.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public async Task Terminate_Should_Finish_WhileOtherThreadsKeepSpawningActors()
    {
        // A top-level spawn that passed the "terminating?" check just before Terminate must not leave
        // the user guardian waiting for a child it never stopped: repeated, since the window is small.
        for (int round = 0; round < 200; round++)
        {
            ActorSystem system = ActorSystem.Create("spawn-race-" + round);
            using var go = new Barrier(3);
            Task[] spawners = [.. Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(
                () =>
                {
                    go.SignalAndWait();
                    while (true)
                    {
                        try
                        {
                            system.ActorOf(Props.Create(() => new Echo()));
                        }
                        catch (InvalidOperationException)
                        {
                            return; // the system is terminating
                        }
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default))];
            go.SignalAndWait();

            Task terminated = system.Terminate();

            await Task.WhenAll(spawners).WaitAsync(Timeouts.Long);
            (await Task.WhenAny(terminated, Task.Delay(Timeouts.Long))).Should().BeSameAs(terminated, "round {0} must terminate", round);
        }
    }

    [Fact]
    public async Task DisposeAsync_Should_TerminateTheSystem()
    {
        ActorSystem system = ActorSystem.Create("disposed");
        var stops = new StopLog();
        system.ActorOf(Props.Create(() => new Tree(stops, 1)), "t");
        await AwaitConditionAsync(() => stops.Started == 3, Timeouts.Long);

        await system.DisposeAsync();

        system.WhenTerminated.IsCompleted.Should().BeTrue();
        stops.Stopped.Should().HaveCount(3);
    }

    [Fact]
    public async Task DisposeAsync_Should_ThrowATimeoutNamingTheSystem_WhenAnActorIsStuck_AndFinishOnceItIsReleased()
    {
        ActorSystem system = ActorSystem.Create("stuck", new ActorSystemOptions { ShutdownTimeout = TimeSpan.FromMilliseconds(200) });
        var gate = new Gate();
        IActorRef actor = system.ActorOf(Props.Create(() => new Stuck(gate)));
        actor.Tell("hang");
        await gate.Entered.WaitAsync(Timeouts.Long);

        Func<Task> dispose = () => system.DisposeAsync().AsTask();

        (await dispose.Should().ThrowAsync<TimeoutException>()).Which.Message.Should().Contain("stuck").And.Contain("ShutdownTimeout");
        gate.Open();
        await system.WhenTerminated.WaitAsync(Timeouts.Long);
    }

    [Fact]
    public async Task Systems_Should_BeIndependent()
    {
        await using ActorSystem one = ActorSystem.Create("one");
        await using ActorSystem two = ActorSystem.Create("two");
        IActorRef a = one.ActorOf(Props.Create(() => new Echo()), "same-name");
        IActorRef b = two.ActorOf(Props.Create(() => new Echo()), "same-name");

        await one.Terminate().WaitAsync(Timeouts.Long);

        (await b.Ask<string>("alive", Timeouts.Ask)).Should().Be("alive");
        a.Path.Should().NotBe(b.Path);
        a.Path.ToString().Should().Be("wasgo://one/user/same-name");
    }

    [Fact]
    public void Create_Should_RejectInvalidOptions_WithAMessagePerSetting()
    {
        var options = new ActorSystemOptions
        {
            Throughput = 0,
            DeadLetterLogLimit = -1,
            DeadLetterLogWindow = TimeSpan.Zero,
            ShutdownTimeout = TimeSpan.FromSeconds(-1),
            LoggerFactory = null!,
            TimeProvider = null!,
        };

        Action create = () => ActorSystem.Create("bad", options);

        ArgumentException error = create.Should().Throw<ArgumentException>().Which;
        error.ParamName.Should().Be("options");
        error.Message.Should().Contain("Throughput is 0").And.Contain("DeadLetterLogLimit is -1").And.Contain("DeadLetterLogWindow")
            .And.Contain("ShutdownTimeout").And.Contain("LoggerFactory is null").And.Contain("TimeProvider is null");
        options.Validate().Should().HaveCount(6);
        new ActorSystemOptions().Validate().Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/name")]
    [InlineData("dot.name")]
    public void Create_Should_RejectAnInvalidName(string name)
    {
        Action create = () => ActorSystem.Create(name);

        create.Should().Throw<ArgumentException>().Which.Message.Should().Contain("not valid");
    }

    [Fact]
    public async Task Stop_Should_StopADeeperActor_ThroughTheSystem()
    {
        var stops = new StopLog();
        IActorRef top = Sys.ActorOf(Props.Create(() => new Tree(stops, 1)), "deep");
        await AwaitConditionAsync(() => stops.Started == 3, Timeouts.Long);
        IActorRef child = (await top.Ask<IActorRef[]>("children", Timeouts.Ask)).Single(c => c.Path.Name == "c0");
        TestActor.Watch(child);

        Sys.Stop(child);

        await TestActor.ExpectTerminatedAsync(child);
        (await top.Ask<IActorRef[]>("children", Timeouts.Ask)).Select(c => c.Path.Name).Should().Equal("c1");
    }

    private sealed class StopLog
    {
        private readonly Lock _syncObj = new();
        private readonly List<string> _stopped = [];
        private int _started;

        public int Started => Volatile.Read(ref _started);

        public IReadOnlyList<string> Stopped
        {
            get
            {
                lock (_syncObj)
                {
                    return [.. _stopped];
                }
            }
        }

        public void Start() => Interlocked.Increment(ref _started);

        public void Stop(string path)
        {
            lock (_syncObj)
            {
                _stopped.Add(path);
            }
        }
    }

    private sealed class Tree : ReceiveActor
    {
        private readonly StopLog _log;
        private readonly int _depth;

        public Tree(StopLog log, int depth)
        {
            _log = log;
            _depth = depth;
            Receive<string>(_ => Sender.Tell(Context.Children.ToArray()));
        }

        protected internal override void PreStart()
        {
            for (int i = 0; i < (_depth > 0 ? 2 : 0); i++)
            {
                Context.ActorOf(Props.Create(() => new Tree(_log, _depth - 1)), "c" + i);
            }

            _log.Start();
        }

        protected internal override void PostStop() => _log.Stop(Self.Path.ToString());
    }

    private sealed class Stuck : ReceiveActor
    {
        public Stuck(Gate gate) => ReceiveAsync<string>(_ => gate.EnterAndWaitAsync());
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => Receive<string>(s => Sender.Tell(s));
    }
}
