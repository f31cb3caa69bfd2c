using System.Collections.Concurrent;
using FluentAssertions;
using WasGo.Actors.Tests.Support;
using Xunit.Abstractions;

namespace WasGo.Actors.Tests.Children;

public sealed class ChildrenTests(ITestOutputHelper output) : TestKit.TestKit(output)
{
    [Fact]
    public async Task ActorOf_Should_MakeANamedChild_ThatChildAndChildrenFind_AndWhoseParentIsTheMaker()
    {
        IActorRef parent = Sys.ActorOf(Props.Create(() => new Parent()), "parent");

        IActorRef child = await parent.Ask<IActorRef>(new Make("kid"), Timeouts.Ask);

        child.Path.ToString().Should().EndWith("/user/parent/kid");
        child.Path.Parent.Should().Be(parent.Path);
        (await parent.Ask<Found>(new Find("kid"), Timeouts.Ask)).Child.Should().Be(child);
        (await parent.Ask<Found>(new Find("nobody"), Timeouts.Ask)).Child.Should().BeNull();
        (await parent.Ask<IActorRef[]>(new List(), Timeouts.Ask)).Should().Equal(child);
        (await child.Ask<IActorRef>(new WhoIsYourParent(), Timeouts.Ask)).Should().Be(parent);
    }

    [Fact]
    public async Task ActorOf_Should_ThrowInvalidActorNameException_ForADuplicateChildName()
    {
        IActorRef parent = Sys.ActorOf(Props.Create(() => new Parent()));
        await parent.Ask<IActorRef>(new Make("twin"), Timeouts.Ask);

        Failure failure = await parent.Ask<Failure>(new Make("twin"), Timeouts.Ask);

        failure.Exception.Should().BeOfType<InvalidActorNameException>().Which.Message.Should().Contain("twin");
    }

    [Fact]
    public void ActorOf_Should_ThrowInvalidActorNameException_ForADuplicateTopLevelName()
    {
        Sys.ActorOf(Props.Create(() => new Parent()), "only");

        Action again = () => Sys.ActorOf(Props.Create(() => new Parent()), "only");

        again.Should().Throw<InvalidActorNameException>().Which.Message.Should().Contain("only");
    }

    [Theory]
    [InlineData("")]
    [InlineData("$reserved")]
    [InlineData("a/b")]
    [InlineData("has space")]
    public void ActorOf_Should_RejectMalformedNames(string name)
    {
        Action make = () => Sys.ActorOf(Props.Create(() => new Parent()), name);

        make.Should().Throw<InvalidActorNameException>();
    }

    [Fact]
    public async Task ActorOf_Should_AllowOnlyOneOfManyConcurrentSpawnsWithTheSameName()
    {
        var outcomes = new ConcurrentBag<string>();
        using var start = new Barrier(8);
        Task[] spawners = [.. Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                for (int i = 0; i < 200; i++)
                {
                    try
                    {
                        Sys.ActorOf(Props.Create(() => new Parent()), "contested-" + i);
                        outcomes.Add("made " + i);
                    }
                    catch (InvalidActorNameException)
                    {
                        outcomes.Add("taken " + i);
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default))];
        await Task.WhenAll(spawners).WaitAsync(Timeouts.Long);

        outcomes.Where(o => o.StartsWith("made", StringComparison.Ordinal)).Should().HaveCount(200).And.OnlyHaveUniqueItems();
        outcomes.Should().HaveCount(8 * 200);
    }

    [Fact]
    public async Task ActorOf_Should_AllowANameAgain_AsSoonAsItsChildIsStopped()
    {
        IActorRef parent = Sys.ActorOf(Props.Create(() => new Parent()));
        IActorRef first = await parent.Ask<IActorRef>(new Make("reused"), Timeouts.Ask);

        IActorRef second = await parent.Ask<IActorRef>(new StopAndMake("reused"), Timeouts.Ask);

        second.Should().NotBe(first);
        second.Path.Should().Be(first.Path);
        (await parent.Ask<Found>(new Find("reused"), Timeouts.Ask)).Child.Should().Be(second);
        (await second.Ask<IActorRef>(new WhoIsYourParent(), Timeouts.Ask)).Should().Be(parent, "the new child is alive");
    }

    [Fact]
    public async Task ActorSystemStop_Should_FreeATopLevelName_ForANewActor()
    {
        IActorRef first = Sys.ActorOf(Props.Create(() => new Parent()), "again");
        TestActor.Watch(first);

        Sys.Stop(first);
        IActorRef second = Sys.ActorOf(Props.Create(() => new Parent()), "again");

        await TestActor.ExpectTerminatedAsync(first);
        second.Should().NotBe(first);
        (await second.Ask<IActorRef[]>(new List(), Timeouts.Ask)).Should().BeEmpty();
    }

    [Fact]
    public async Task Children_Should_ListEveryLivingChild_AndDropStoppedOnes()
    {
        IActorRef parent = Sys.ActorOf(Props.Create(() => new Parent()));
        for (int i = 0; i < 1_000; i++)
        {
            parent.Tell(new Make("c" + i));
        }

        IActorRef[] children = await parent.Ask<IActorRef[]>(new List(), Timeouts.Ask);
        children.Should().HaveCount(1_000);
        children.Select(c => c.Path.Name).Order(StringComparer.Ordinal).Should().Equal(Enumerable.Range(0, 1_000).Select(i => "c" + i).Order(StringComparer.Ordinal));

        parent.Tell(new StopChild("c7"));
        (await parent.Ask<IActorRef[]>(new List(), Timeouts.Ask)).Should().HaveCount(999).And.NotContain(children.Single(c => c.Path.Name == "c7"));
    }

    [Fact]
    public async Task ActorOf_Should_GiveUniqueGeneratedNames_ThatStartWithDollar()
    {
        IActorRef parent = Sys.ActorOf(Props.Create(() => new Parent()));
        for (int i = 0; i < 100; i++)
        {
            parent.Tell(new Make(null));
        }

        IActorRef[] children = await parent.Ask<IActorRef[]>(new List(), Timeouts.Ask);

        children.Should().HaveCount(100);
        children.Select(c => c.Path.Name).Should().OnlyHaveUniqueItems().And.OnlyContain(n => n.StartsWith('$'));
    }

    [Fact]
    public async Task StoppingAParent_Should_StopItsChildrenFirst()
    {
        IActorRef parent = Sys.ActorOf(Props.Create(() => new Parent(TestActor)), "p");
        IActorRef child = await parent.Ask<IActorRef>(new Make("c"), Timeouts.Ask);
        await child.Ask<IActorRef>(new Make("g"), Timeouts.Ask);

        Sys.Stop(parent);

        (await TestActor.ReceiveNAsync(3)).Should().Equal("stopped g", "stopped c", "stopped p");
    }

    private sealed record Make(string? Name);

    private sealed record StopAndMake(string Name);

    private sealed record StopChild(string Name);

    private sealed record Find(string Name);

    private sealed record Found(IActorRef? Child);

    private sealed record List;

    private sealed record WhoIsYourParent;

    private sealed record Failure(Exception Exception);

    private sealed class Parent : ReceiveActor
    {
        private readonly IActorRef? _probe;

        public Parent(IActorRef? probe = null)
        {
            _probe = probe;
            Receive<Make>(m =>
            {
                try
                {
                    Sender.Tell(Context.ActorOf(Props.Create(() => new Parent(probe)), m.Name));
                }
                catch (InvalidActorNameException e)
                {
                    Sender.Tell(new Failure(e));
                }
            });
            Receive<StopAndMake>(m =>
            {
                Context.Stop(Context.Child(m.Name)!);
                Sender.Tell(Context.ActorOf(Props.Create(() => new Parent(probe)), m.Name));
            });
            Receive<StopChild>(m => Context.Stop(Context.Child(m.Name)!));
            Receive<Find>(f => Sender.Tell(new Found(Context.Child(f.Name))));
            Receive<List>(_ => Sender.Tell(Context.Children.ToArray()));
            Receive<WhoIsYourParent>(_ => Sender.Tell(Context.Parent));
        }

        protected internal override void PostStop() => _probe?.Tell("stopped " + Self.Path.Name);
    }
}
