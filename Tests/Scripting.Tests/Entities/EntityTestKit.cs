using WasGo.Actors;
using WasGo.Actors.TestKit;
using WasGo.Persistence;
using Wasmtime;
using Xunit.Abstractions;

namespace WasGo.Scripting.Tests.Entities;

/// <summary>A test kit with a SQLite store in a folder of its own, a script runtime and a region of entities.</summary>
public abstract class EntityTestKit(ITestOutputHelper output) : TestKit(output)
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wasgo-scripting-" + Guid.NewGuid().ToString("N"));

    protected IPersistenceProvider Store { get; private set; } = null!;

    protected ScriptRuntime Runtime { get; } = new();

    protected EntityOptions Options { get; } = new() { WorldId = "test-world", IdleTimeout = null };

    public override async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Store = await SqlitePersistence.OpenAsync(new SqlitePersistenceOptions { DataSource = Path.Combine(_folder, "entities.db") });
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Store.DisposeAsync();
        Runtime.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    protected Task DeployAsync(string name, string version, string wat) => Store.Modules.PutAsync(name, version, Module.ConvertText(wat));

    /// <summary>A region whose entities all run <paramref name="module"/>.</summary>
    protected IActorRef Region(string module) =>
        Sys.ActorOf(Props.Create(() => new EntityRegion(id => EntityActor.Props(id, module, Runtime, Store, Options))));

    protected static async Task<CallResult> CallAsync(IActorRef region, string entity, string method, params object?[] arguments) =>
        await region.Ask<CallResult>(new EntityEnvelope(entity, new EntityCall(method, arguments.Select(ScriptValue.FromObject).ToArray())), TimeSpan.FromSeconds(10));

    protected static async Task<EntityState> StateAsync(IActorRef region, string entity) =>
        await region.Ask<EntityState>(new EntityEnvelope(entity, GetEntityState.Instance), TimeSpan.FromSeconds(10));
}
