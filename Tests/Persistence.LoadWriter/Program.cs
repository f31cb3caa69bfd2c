using WasGo.Persistence;
using WasGo.Persistence.LoadWriter;

// usage: LoadWriter <database file> <writers>
// Each writer w adds the worlds writer-w-0, writer-w-1, ... as fast as the store takes them; once an
// add is acknowledged it prints "ack <id>". Each world is LoadWorld.For(its id), so that a reader can
// tell a whole row from a torn one.
string path = args[0];
int writers = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
await using IPersistenceProvider store = await SqlitePersistence.OpenAsync(new SqlitePersistenceOptions { DataSource = path });
var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
var outputLock = new Lock();
Console.WriteLine("ready");

await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
{
    for (long n = 0; ; n++)
    {
        string id = $"writer-{w}-{n}";
        if (!await store.Worlds.TryAddAsync(LoadWorld.For(id)))
        {
            throw new InvalidOperationException($"World '{id}' was already listed; each writer's ids are its own, so the database was not empty.");
        }

        lock (outputLock)
        {
            output.WriteLine($"ack {id}");
        }
    }
})));
