using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using WasGo.Actors;

namespace WasGo.Benchmarks.Actors;

/// <summary>
/// Request/response latency, one at a time: <c>Ask</c> of an actor that replies, beside a request
/// written to one raw <see cref="Channel{T}"/> and its answer read from another, served by a task.
/// One operation is one round trip.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class AskBenchmarks
{
    private const int RoundTrips = 10_000;
    private static readonly object s_message = new();
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private ActorSystem _system = null!;
    private IActorRef _responder = null!;
    private Channel<object> _requests = null!;
    private Channel<object> _responses = null!;
    private Task _server = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("ask", new ActorSystemOptions { DeadLetterLogLimit = 0 });
        _responder = _system.ActorOf(Props.Create(static () => new Responder()));
        _requests = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        _responses = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        _server = Task.Run(async () =>
        {
            await foreach (object request in _requests.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                _responses.Writer.TryWrite(request);
            }
        });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _requests.Writer.Complete();
        _server.GetAwaiter().GetResult();
        _system.Terminate().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = RoundTrips)]
    public async Task Channels()
    {
        for (int i = 0; i < RoundTrips; i++)
        {
            _requests.Writer.TryWrite(s_message);
            await _responses.Reader.ReadAsync().ConfigureAwait(false);
        }
    }

    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public async Task Ask()
    {
        for (int i = 0; i < RoundTrips; i++)
        {
            await _responder.Ask<object>(s_message, s_timeout).ConfigureAwait(false);
        }
    }

    private sealed class Responder : ReceiveActor
    {
        public Responder() => ReceiveAny(message => Sender.Tell(message, Self));
    }
}
