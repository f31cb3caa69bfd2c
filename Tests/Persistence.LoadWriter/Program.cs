using System.Text;
using WasGo.Persistence;

// usage: LoadWriter <database file> <writers>
// Each writer owns one persistence id and writes revisions 1, 2, 3, ... as fast as the store takes
// them; after a write is acknowledged it prints "ack <id> <revision>". The payload says which id and
// revision it is, so that a reader can tell a whole write from a torn one.
string path = args[0];
int writers = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
await using IPersistenceProvider store = await SqlitePersistence.OpenAsync(new SqlitePersistenceOptions { DataSource = path });
var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
var outputLock = new Lock();
Console.WriteLine("ready");

await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
{
    string id = "writer-" + w;
    for (long revision = 1; ; revision++)
    {
        await store.DurableState.UpsertAsync(id, revision, Payload(id, revision), "load");
        lock (outputLock)
        {
            output.WriteLine($"ack {id} {revision}");
        }
    }
})));

static byte[] Payload(string id, long revision) => Encoding.UTF8.GetBytes($"{id}:{revision}:" + new string('x', 200));
