using FluentAssertions;
using WasGo.Actors.TestKit;
using Xunit.Abstractions;

namespace WasGo.Actors.Tests.Messaging;

public sealed class TellTests(ITestOutputHelper output) : TestKit.TestKit(output)
{
    [Fact]
    public async Task Tell_Should_DeliverMessagesFromOneSenderInOrder()
    {
        IActorRef echo = Sys.ActorOf(Props.Create(() => new EchoActor()), "echo");
        for (int i = 0; i < 1000; i++)
        {
            echo.Tell(i, TestActor);
        }

        IReadOnlyList<object> received = await TestActor.ReceiveNAsync(1000);
        received.Should().Equal(Enumerable.Range(0, 1000).Cast<object>());
    }

    [Fact]
    public async Task Ask_Should_ReturnTheReply()
    {
        IActorRef echo = Sys.ActorOf(Props.Create(() => new EchoActor()));
        string reply = await echo.Ask<string>("hello", TimeSpan.FromSeconds(3));
        reply.Should().Be("hello");
    }

    private sealed class EchoActor : ReceiveActor
    {
        public EchoActor() => ReceiveAny(message => Sender.Tell(message, Self));
    }
}
