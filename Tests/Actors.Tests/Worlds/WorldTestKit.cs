using Akka.Actor;
using Akka.Actor.Setup;
using Microsoft.Extensions.Logging.Abstractions;
using WasGo.Actors.Logging;
using WasGo.Actors.Serialization;
using WasGo.Persistence;
using WasGo.Scripting;
using Wasmtime;
using Xunit.Abstractions;

namespace WasGo.Actors.Tests.Worlds;

/// <summary>
/// Akka's test kit with Akka.Persistence.Sql on a SQLite file in a folder of its own (the dev host's
/// journal), the module store on the same file, and a script runtime, for world actors.
/// </summary>
public abstract class WorldTestKit : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private readonly string _folder;

    protected WorldTestKit(ITestOutputHelper output)
        : this(Path.Combine(Path.GetTempPath(), "wasgo-actors-" + Guid.NewGuid().ToString("N")), output)
    {
    }

    private WorldTestKit(string folder, ITestOutputHelper output)
        : base(Setup(Path.Combine(folder, "worlds.db")), nameof(WorldTestKit), output)
    {
        _folder = folder;
        JournalDatabase = JournalDatabase.Sqlite(Path.Combine(folder, "worlds.db"));
    }

    /// <summary>Gets the database Akka.Persistence.Sql keeps the journal and snapshots in.</summary>
    protected JournalDatabase JournalDatabase { get; }

    protected IPersistenceProvider Store { get; private set; } = null!;

    protected IModuleStore Modules => Store.Modules;

    protected ScriptRuntime Runtime { get; } = new();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Store = await SqlitePersistence.OpenAsync(new SqlitePersistenceOptions { DataSource = Path.Combine(_folder, "worlds.db") });
    }

    public async Task DisposeAsync()
    {
        await Sys.Terminate();
        await Store.DisposeAsync();
        Runtime.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    protected Task DeployAsync(string name, string version, string wat) => Store.Modules.PutAsync(name, version, Module.ConvertText(wat));

    private static ActorSystemSetup Setup(string database) =>
        BootstrapSetup.Create()
            .WithConfig(SqlPersistenceSetup.DefaultPlugins(JournalDatabase.Sqlite(database)))
            .And(WorldSerializerBindings.CreateSetup())
            .And(new LoggerFactorySetup(NullLoggerFactory.Instance));
}
