using System.Diagnostics;
using System.Threading.Channels;
using WasGo.Actors;

namespace WasGo.Benchmarks.Actors;

/// <summary>
/// Spawn rate and memory per idle actor for a large population, beside the same number of raw
/// unbounded <see cref="Channel{T}"/>s (the least a mailbox can be) made in the same process.
/// </summary>
public static class SpawnBenchmark
{
    public static async Task RunAsync(int count)
    {
        Console.WriteLine($"Spawning {count:N0} idle actors, and {count:N0} raw channels as the baseline (2 rounds each, the second counts).");
        Measurement channels = default;
        Measurement actors = default;
        for (int round = 0; round < 2; round++)
        {
            channels = MeasureChannels(count);
            actors = await MeasureActorsAsync(count).ConfigureAwait(false);
        }

        Console.WriteLine($"| what | spawn rate (/s) | managed bytes each | RSS bytes each |");
        Console.WriteLine($"|---|---:|---:|---:|");
        Print("raw Channel<object> (baseline)", channels);
        Print("idle ReceiveActor", actors);
        Console.WriteLine($"ratio actor/channel: managed bytes {actors.ManagedBytesEach / channels.ManagedBytesEach:F2}, spawn time {channels.PerSecond / actors.PerSecond:F2}");
    }

    private static Measurement MeasureChannels(int count)
    {
        (long managedBefore, long rssBefore) = Snapshot();
        var holder = new Channel<object>[count];
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            holder[i] = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        }

        watch.Stop();
        (long managedAfter, long rssAfter) = Snapshot();
        GC.KeepAlive(holder);
        return new Measurement(count / watch.Elapsed.TotalSeconds, (double)(managedAfter - managedBefore) / count, (double)(rssAfter - rssBefore) / count);
    }

    private static async Task<Measurement> MeasureActorsAsync(int count)
    {
        ActorSystem system = ActorSystem.Create("spawn", new ActorSystemOptions { DeadLetterLogLimit = 0, ShutdownTimeout = TimeSpan.FromMinutes(5) });
        (long managedBefore, long rssBefore) = Snapshot();
        var holder = new IActorRef[count];
        Props props = Props.Create(static () => new Idle());
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            holder[i] = system.ActorOf(props);
        }

        // Spawning is done when every actor has been made and started: ask the last one.
        await holder[^1].Ask<int>(Idle.Ping.Instance, TimeSpan.FromMinutes(1)).ConfigureAwait(false);
        watch.Stop();
        await WaitForQuietThreadPoolAsync().ConfigureAwait(false);
        (long managedAfter, long rssAfter) = Snapshot();
        GC.KeepAlive(holder);
        await system.Terminate().ConfigureAwait(false);
        return new Measurement(count / watch.Elapsed.TotalSeconds, (double)(managedAfter - managedBefore) / count, (double)(rssAfter - rssBefore) / count);
    }

    private static async Task WaitForQuietThreadPoolAsync()
    {
        while (ThreadPool.PendingWorkItemCount > 0)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    private static (long Managed, long Rss) Snapshot()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    private static void Print(string what, Measurement m) =>
        Console.WriteLine($"| {what} | {m.PerSecond:N0} | {m.ManagedBytesEach:N0} | {m.RssBytesEach:N0} |");

    private readonly record struct Measurement(double PerSecond, double ManagedBytesEach, double RssBytesEach);

    private sealed class Idle : ReceiveActor
    {
        public Idle() => Receive<Ping>(_ => Sender.Tell(1));

        public sealed class Ping
        {
            public static Ping Instance { get; } = new();
        }
    }
}
