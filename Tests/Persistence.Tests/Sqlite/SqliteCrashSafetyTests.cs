using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using FluentAssertions;

namespace WasGo.Persistence.Tests.Sqlite;

public sealed partial class SqliteCrashSafetyTests : IDisposable
{
    private const int SigKill = 9;
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Sqlite_Should_KeepEveryAcknowledgedWrite_WhenTheWriterIsKilledUnderLoad()
    {
        string database = Path.Combine(_folder.Path, "crash.db");
        var acknowledged = new Dictionary<string, long>();
        var acknowledgedLock = new Lock();
        var ready = new TaskCompletionSource();
        var enoughAcks = new TaskCompletionSource();

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WasGo.Persistence.LoadWriter.dll"));
        start.ArgumentList.Add(database);
        start.ArgumentList.Add("32");
        using Process writer = Process.Start(start)!;
        writer.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "ready")
            {
                ready.TrySetResult();
            }
            else if (e.Data?.StartsWith("ack ", StringComparison.Ordinal) == true)
            {
                string[] parts = e.Data.Split(' ');
                lock (acknowledgedLock)
                {
                    acknowledged[parts[1]] = long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
                    if (acknowledged.Values.Sum() >= 5_000)
                    {
                        enoughAcks.TrySetResult();
                    }
                }
            }
        };
        writer.BeginOutputReadLine();
        writer.BeginErrorReadLine();

        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await enoughAcks.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Kill(writer.Id, SigKill).Should().Be(0);
        await writer.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Dictionary<string, long> lastAcknowledged;
        lock (acknowledgedLock)
        {
            lastAcknowledged = new Dictionary<string, long>(acknowledged);
        }

        await using IPersistenceProvider reopened = await SqlitePersistence.OpenAsync(new SqlitePersistenceOptions { DataSource = database });
        foreach ((string id, long revision) in lastAcknowledged)
        {
            DurableStateRecord? record = await reopened.DurableState.GetAsync(id);
            record.Should().NotBeNull($"{id} was acknowledged at revision {revision}");

            // Acknowledged means durable: the stored revision is that one or a later write that committed
            // before the kill but whose acknowledgement was not printed yet.
            record!.Revision.Should().BeGreaterThanOrEqualTo(revision, id);
            string payload = Encoding.UTF8.GetString(record.Payload.Span);
            payload.Should().StartWith($"{id}:{record.Revision}:", "a stored row is whole, never half-written").And.HaveLength($"{id}:{record.Revision}:".Length + 200);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
