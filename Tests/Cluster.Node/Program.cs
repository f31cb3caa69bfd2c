using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Extensions.Logging;
using WasGo.Actors.Logging;
using WasGo.Actors.TestKit;
using WasGo.Cluster;
using WasGo.Cluster.Node;
using WasGo.Persistence;

// usage: WasGo.Cluster.Node --node <id> --prefix <queue prefix> [--shards 64] [--types account,echo] [--proxy] [--remember]
//        [--write-delay-ms N]   (accounts' writes start N ms late, like a slow disk)
// Connects to WASGO_TEST_RABBITMQ and WASGO_TEST_POSTGRES, starts the regions (or proxies), prints
// READY and answers NodeCommandLoop commands:
//   deposit <entity> <seq> <amount> | echo <entity> <value> | state <type> | stats <type> | leave
//   bench <type> <entities> <seconds> <concurrency>   (calls through this node's region; prints rate and latency)
Dictionary<string, string> options = ParseOptions(args);
string nodeId = options["node"];
string rabbitMq = Environment.GetEnvironmentVariable("WASGO_TEST_RABBITMQ") ?? throw new InvalidOperationException("WASGO_TEST_RABBITMQ is not set: the node needs the broker's AMQP URI.");
string postgres = Environment.GetEnvironmentVariable("WASGO_TEST_POSTGRES") ?? throw new InvalidOperationException("WASGO_TEST_POSTGRES is not set: the node needs the database's connection string.");
bool proxy = options.ContainsKey("proxy");
string[] types = options.GetValueOrDefault("types", SampleTypes.Account).Split(',');

using ILoggerFactory logging = LoggerFactory.Create(b => b
    .AddSimpleConsole(o => o.SingleLine = true)
    .AddFilter("WasGo", LogLevel.Information)
    .SetMinimumLevel(LogLevel.Warning));

// Our actors log through the factory above (LoggerFactorySetup). Akka's own log (dead letters, actor failures)
// goes to standard output through its StandardOutLogger, at INFO like the old runtime's dead-letter log.
await using var system = new NodeActorSystem(ActorSystem.Create(
    "node",
    BootstrapSetup.Create()
        .WithConfig(ConfigurationFactory.ParseString("akka.loglevel = INFO"))
        .And(new LoggerFactorySetup(logging))));
await using IPersistenceProvider persistence = await PostgreSqlPersistence.OpenAsync(new PostgreSqlPersistenceOptions { ConnectionString = postgres });
PersistenceSerializer serializer = SampleTypes.Serializer();
IDurableStateStore accounts = options.TryGetValue("write-delay-ms", out string? delay)
    ? new SlowStateStore(persistence.DurableState, TimeSpan.FromMilliseconds(Long(delay)))
    : persistence.DurableState;
var shardingOptions = new ClusterShardingOptions
{
    NodeId = nodeId,
    ShardCount = int.Parse(options.GetValueOrDefault("shards", "64"), CultureInfo.InvariantCulture),
    RememberEntities = options.ContainsKey("remember"),
};
var transport = ShardTransportFactory.RabbitMq(new RabbitMqTransportOptions { Uri = rabbitMq, QueuePrefix = options["prefix"] });
var sharding = new ClusterSharding(system.System, shardingOptions, transport, serializer, persistence.DurableState);
var extractor = new HashCodeMessageExtractor(shardingOptions.ShardCount);
foreach (string type in types)
{
    if (proxy)
    {
        await sharding.StartProxyAsync(type, extractor);
        continue;
    }

    Func<string, Props> props = type switch
    {
        SampleTypes.Account => id => Props.Create(() => new AccountEntity(accounts, serializer, id, nodeId)),
        SampleTypes.Echo => _ => Props.Create<EchoEntity>(),
        _ => throw new ArgumentException($"Unknown entity type '{type}'; use {SampleTypes.Account} or {SampleTypes.Echo}."),
    };
    await sharding.StartAsync(type, props, extractor);
}

TimeSpan askTimeout = TimeSpan.FromSeconds(30);
using var stop = new CancellationTokenSource();
await NodeCommandLoop.RunAsync(Handle, stop.Token);

await sharding.DisposeAsync();
return 0;

async Task<string> Handle(string line, CancellationToken cancellationToken)
{
    string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    switch (words[0])
    {
        case "deposit":
            return Json(await sharding.ShardRegion(SampleTypes.Account).Ask<Deposited>(new ShardingEnvelope(words[1], new Deposit(Long(words[2]), Long(words[3]))), askTimeout, cancellationToken));
        case "echo":
            return Json(await sharding.ShardRegion(SampleTypes.Echo).Ask<Echo>(new ShardingEnvelope(words[1], new Echo(Long(words[2]))), askTimeout, cancellationToken));
        case "state":
            CurrentShardRegionState state = await sharding.ShardRegion(words[1]).Ask<CurrentShardRegionState>(GetShardRegionState.Instance, askTimeout, cancellationToken);
            return Json(state.Shards.ToDictionary(s => s.ShardId, s => s.EntityIds.Count));
        case "stats":
            ClusterShardingStats stats = await sharding.ShardRegion(words[1]).Ask<ClusterShardingStats>(GetClusterShardingStats.Instance, askTimeout, cancellationToken);
            return Json(stats.Regions.ToDictionary(r => r.Key, r => r.Value.Stats));
        case "leave":
            await sharding.LeaveAsync(TimeSpan.FromSeconds(60));
            await stop.CancelAsync();
            return "LEFT";
        case "bench":
            return await BenchAsync(sharding.ShardRegion(words[1]), words[1], (int)Long(words[2]), TimeSpan.FromSeconds(Long(words[3])), (int)Long(words[4]));
        default:
            throw new ArgumentException($"Unknown command '{words[0]}'.");
    }
}

static async Task<string> BenchAsync(IActorRef region, string type, int entities, TimeSpan duration, int concurrency)
{
    var latencies = new List<double>[concurrency];
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
    {
        var mine = latencies[worker] = [];
        var seq = new Dictionary<string, long>();
        for (long i = 0; clock.Elapsed < duration; i++)
        {
            string entity = "bench-" + ((worker + (i * concurrency)) % entities).ToString(CultureInfo.InvariantCulture);
            object message = type == SampleTypes.Echo ? new Echo(i) : new Deposit(seq[entity] = seq.GetValueOrDefault(entity) + 1, 1);
            long started = Stopwatch.GetTimestamp();
            await region.Ask<object>(new ShardingEnvelope(entity, message), TimeSpan.FromSeconds(30));
            mine.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }
    })));
    double seconds = clock.Elapsed.TotalSeconds;
    double[] all = [.. latencies.SelectMany(l => l).Order()];
    return string.Create(CultureInfo.InvariantCulture, $"calls={all.Length} rate={all.Length / seconds:F0} p50us={all[all.Length / 2]:F0} p99us={all[(int)(all.Length * 0.99)]:F0}");
}

static long Long(string text) => long.Parse(text, CultureInfo.InvariantCulture);

static string Json<T>(T value) => JsonSerializer.Serialize(value);

static Dictionary<string, string> ParseOptions(string[] args)
{
    var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
    for (int i = 0; i < args.Length; i++)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Unexpected argument '{args[i]}'; options are --name value or --flag.");
        }

        bool hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
        parsed[args[i][2..]] = hasValue ? args[++i] : "true";
    }

    foreach (string required in new[] { "node", "prefix" })
    {
        if (!parsed.ContainsKey(required))
        {
            throw new ArgumentException($"--{required} is required.");
        }
    }

    return parsed;
}
