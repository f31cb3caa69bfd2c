using System.Globalization;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using WasGo.Actors.Logging;
using WasGo.Actors.Serialization;
using WasGo.Actors.TestKit;
using WasGo.Actors.Worlds;
using WasGo.Benchmarks.Host;
using WasGo.Host.Demo;
using WasGo.Persistence;
using WasGo.Scripting;

namespace WasGo.Benchmarks.Persistence;

/// <summary>
/// <c>journal</c>: inputs journaled a second by one world actor at 1,000 ticks a second, with many
/// calls in flight (each tick persists its inputs as one event before it applies them), on
/// Akka.Persistence.Sql over the dev host's SQLite file and over PostgreSQL (<c>WASGO_TEST_POSTGRES</c>),
/// beside the same world on Akka's in-memory journal (the baseline: what the world costs without a
/// database), in one run.
/// </summary>
public static class JournalBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        int seconds = HostLoadTest.Argument(args, 0, 10);
        int inFlight = HostLoadTest.Argument(args, 1, 256);
        string folder = Directory.CreateTempSubdirectory("wasgo-journal-bench-").FullName;
        string postgres = await TestServers.CreateDatabaseAsync("journal_");
        try
        {
            await using IPersistenceProvider modules = await SqlitePersistence.OpenAsync(new SqlitePersistenceOptions { DataSource = Path.Combine(folder, "modules.db") });
            await modules.Modules.PutAsync("counter", "1", ExampleModules.Read("counter"));
            using var runtime = new ScriptRuntime();
            Console.WriteLine($"journal: {seconds} s per store, one world at {WorldOptions.MaxTickRate} ticks/s, {inFlight} calls in flight, {Environment.ProcessorCount} cores");
            await RunOnAsync(InMemory(), runtime, modules.Modules, Math.Min(seconds, 3), inFlight); // warm-up: the first store measured would pay the JIT
            LatencyRecorder memory = await RunOnAsync(InMemory(), runtime, modules.Modules, seconds, inFlight);
            LatencyRecorder sqlite = await RunOnAsync(SqlPersistenceSetup.DefaultPlugins(JournalDatabase.Sqlite(Path.Combine(folder, "journal.db"))), runtime, modules.Modules, seconds, inFlight);
            LatencyRecorder postgreSql = await RunOnAsync(SqlPersistenceSetup.DefaultPlugins(JournalDatabase.PostgreSql(postgres)), runtime, modules.Modules, seconds, inFlight);

            Console.WriteLine();
            Console.WriteLine("| journal | inputs | errors | inputs/s | p50 ms | p99 ms |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            HostLoadTest.Row("Akka's in-memory journal (baseline)", memory, seconds);
            HostLoadTest.Row("Akka.Persistence.Sql on SQLite (the dev host's)", sqlite, seconds);
            HostLoadTest.Row("Akka.Persistence.Sql on PostgreSQL 15 (a cluster's)", postgreSql, seconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SQLite/memory: {sqlite.Count / (double)Math.Max(1, memory.Count):F2}x, PostgreSQL/memory: {postgreSql.Count / (double)Math.Max(1, memory.Count):F2}x of the inputs a second"));
            return memory.Errors + sqlite.Errors + postgreSql.Errors == 0 ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            await TestServers.DropDatabaseAsync(postgres);
        }
    }

    private static async Task<LatencyRecorder> RunOnAsync(Config persistence, ScriptRuntime runtime, IModuleStore modules, int seconds, int inFlight)
    {
        ActorSystemSetup setup = BootstrapSetup.Create()
            .WithConfig(ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(persistence))
            .And(WorldSerializerBindings.CreateSetup())
            .And(new LoggerFactorySetup(NullLoggerFactory.Instance));
        using ActorSystem system = ActorSystem.Create("journal-bench", setup);
        try
        {
            var options = new WorldOptions { WorldId = "bench", TickRate = WorldOptions.MaxTickRate };
            IActorRef world = system.ActorOf(Props.Create(() => new WorldActor(options, runtime, modules, null)), "world");
            for (int i = 0; i < inFlight; i++)
            {
                CallResult spawned = await world.Ask<CallResult>(new WorldSpawn("c" + i, "counter"), TimeSpan.FromSeconds(30));
                if (!spawned.IsSuccess)
                {
                    throw new InvalidOperationException(spawned.Error!.ToString());
                }
            }

            return await HostLoadTest.PhaseAsync(seconds, inFlight, async caller =>
            {
                CallResult result = await world.Ask<CallResult>(new WorldCall("c" + caller, "increment", [ScriptValue.FromInteger(1)]), TimeSpan.FromSeconds(10));
                return result.IsSuccess ? result.Value.AsInteger() : throw new InvalidOperationException(result.Error!.ToString());
            });
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static Config InMemory() => ConfigurationFactory.ParseString(
        """
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """);
}
