using Akka.Actor;
using Microsoft.Extensions.Logging.Abstractions;
using WasGo.Actors.Logging;
using WasGo.Persistence;
using WasGo.Scripting;
using Wasmtime;
using Xunit.Abstractions;

namespace WasGo.Actors.Tests.Worlds;

/// <summary>Akka's test kit with a SQLite store in a folder of its own and a script runtime, for world actors.</summary>
public abstract class WorldTestKit(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(BootstrapSetup.Create().And(new LoggerFactorySetup(NullLoggerFactory.Instance)), nameof(WorldTestKit), output), IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wasgo-actors-" + Guid.NewGuid().ToString("N"));

    protected IPersistenceProvider Store { get; private set; } = null!;

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
}
