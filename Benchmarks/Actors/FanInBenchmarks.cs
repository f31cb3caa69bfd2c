using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using WasGo.Actors;

namespace WasGo.Benchmarks.Actors;

/// <summary>
/// Fan-in: 1,000 senders each send <see cref="MessagesPerSender"/> messages to one receiver, beside
/// 1,000 tasks writing to one raw <see cref="Channel{T}"/> read by one task. One operation is one message.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class FanInBenchmarks
{
    private const int Senders = 1_000;
    private const int MessagesPerSender = 200;
    private const int Total = Senders * MessagesPerSender;
    private static readonly object s_message = new();

    private ActorSystem _system = null!;
    private IActorRef[] _senders = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("fanin", new ActorSystemOptions { DeadLetterLogLimit = 0 });
        _senders = new IActorRef[Senders];
        for (int i = 0; i < Senders; i++)
        {
            _senders[i] = _system.ActorOf(Props.Create(static () => new Sender()));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Total)]
    public async Task Channels()
    {
        Channel<object> channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        Task reader = Task.Run(async () =>
        {
            for (int i = 0; i < Total; i++)
            {
                await channel.Reader.ReadAsync().ConfigureAwait(false);
            }
        });
        var writers = new Task[Senders];
        for (int s = 0; s < Senders; s++)
        {
            writers[s] = Task.Run(() =>
            {
                for (int i = 0; i < MessagesPerSender; i++)
                {
                    channel.Writer.TryWrite(s_message);
                }
            });
        }

        await Task.WhenAll(writers).ConfigureAwait(false);
        await reader.ConfigureAwait(false);
    }

    [Benchmark(OperationsPerInvoke = Total)]
    public async Task Actors()
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IActorRef sink = _system.ActorOf(Props.Create(() => new Sink(Total, finished)));
        var go = new Sender.Go(sink, MessagesPerSender);
        foreach (IActorRef sender in _senders)
        {
            sender.Tell(go);
        }

        await finished.Task.ConfigureAwait(false);
        _system.Stop(sink);
    }

    private sealed class Sender : ReceiveActor
    {
        public Sender() => Receive<Go>(go =>
        {
            for (int i = 0; i < go.Count; i++)
            {
                go.Sink.Tell(s_message, Self);
            }
        });

        public sealed record Go(IActorRef Sink, int Count);
    }

    private sealed class Sink : ReceiveActor
    {
        private int _received;

        public Sink(int expected, TaskCompletionSource finished) => ReceiveAny(_ =>
        {
            if (++_received == expected)
            {
                finished.SetResult();
            }
        });
    }
}
