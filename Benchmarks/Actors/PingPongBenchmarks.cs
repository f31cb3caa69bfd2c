using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using WasGo.Actors;

namespace WasGo.Benchmarks.Actors;

/// <summary>
/// Tell throughput: pairs of actors bouncing a message, <see cref="Window"/> messages in flight per
/// pair, beside the same ping-pong between two tasks over raw <see cref="Channel{T}"/>s.
/// One operation is one message (a ping or a pong); the pairs share <see cref="RoundTrips"/>, so the
/// throughput column is the aggregate of all pairs.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class PingPongBenchmarks
{
    private const int RoundTrips = 400_000;
    private const int Window = 200;
    private static readonly object s_message = new();

    private ActorSystem _system = null!;

    /// <summary>Gets or sets how many pairs run at once: 1, and 2 × cores.</summary>
    [Params(1, 4)]
    public int Pairs { get; set; }

    [GlobalSetup]
    public void Setup() => _system = ActorSystem.Create("pingpong", new ActorSystemOptions { DeadLetterLogLimit = 0 });

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = RoundTrips * 2)]
    public Task Channels() => Task.WhenAll(Enumerable.Range(0, Pairs).Select(_ => ChannelPairAsync(RoundTrips / Pairs)));

    [Benchmark(OperationsPerInvoke = RoundTrips * 2)]
    public Task Actors()
    {
        var done = new Task[Pairs];
        for (int i = 0; i < Pairs; i++)
        {
            var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            IActorRef pong = _system.ActorOf(Props.Create(static () => new Pong()));
            IActorRef ping = _system.ActorOf(Props.Create(() => new Ping(pong, RoundTrips / Pairs, Window, finished)));
            ping.Tell(Ping.Start.Instance);
            done[i] = finished.Task.ContinueWith(_ =>
            {
                _system.Stop(ping);
                _system.Stop(pong);
            }, TaskScheduler.Default);
        }

        return Task.WhenAll(done);
    }

    private static async Task ChannelPairAsync(int roundTrips)
    {
        var options = new UnboundedChannelOptions { SingleReader = true, SingleWriter = true };
        Channel<object> pings = Channel.CreateUnbounded<object>(options);
        Channel<object> pongs = Channel.CreateUnbounded<object>(options);

        Task pong = Task.Run(async () =>
        {
            for (int i = 0; i < roundTrips; i++)
            {
                object message = await pings.Reader.ReadAsync().ConfigureAwait(false);
                pongs.Writer.TryWrite(message);
            }
        });

        Task ping = Task.Run(async () =>
        {
            int sent = 0;
            for (; sent < Window; sent++)
            {
                pings.Writer.TryWrite(s_message);
            }

            for (int received = 0; received < roundTrips; received++)
            {
                await pongs.Reader.ReadAsync().ConfigureAwait(false);
                if (sent < roundTrips)
                {
                    pings.Writer.TryWrite(s_message);
                    sent++;
                }
            }
        });

        await Task.WhenAll(ping, pong).ConfigureAwait(false);
    }

    private sealed class Pong : ReceiveActor
    {
        public Pong() => ReceiveAny(message => Sender.Tell(message, Self));
    }

    private sealed class Ping : ReceiveActor
    {
        private int _sent;
        private int _received;

        public Ping(IActorRef pong, int total, int window, TaskCompletionSource finished)
        {
            Receive<Start>(_ =>
            {
                for (; _sent < window; _sent++)
                {
                    pong.Tell(s_message, Self);
                }
            });
            ReceiveAny(_ =>
            {
                _received++;
                if (_sent < total)
                {
                    pong.Tell(s_message, Self);
                    _sent++;
                }
                else if (_received == total)
                {
                    finished.SetResult();
                }
            });
        }

        public sealed class Start
        {
            public static Start Instance { get; } = new();
        }
    }
}
