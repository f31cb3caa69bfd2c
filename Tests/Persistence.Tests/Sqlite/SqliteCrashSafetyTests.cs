using System.Diagnostics;
using System.Runtime.InteropServices;
using FluentAssertions;
using WasGo.Persistence.LoadWriter;

namespace WasGo.Persistence.Tests.Sqlite;

public sealed partial class SqliteCrashSafetyTests : IDisposable
{
    private const int SigKill = 9;
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Sqlite_Should_KeepEveryAcknowledgedWorldWhole_WhenTheWriterIsKilledUnderLoad()
    {
        string database = Path.Combine(_folder.Path, "crash.db");
        var acknowledged = new HashSet<string>(StringComparer.Ordinal);
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
                lock (acknowledgedLock)
                {
                    acknowledged.Add(e.Data["ack ".Length..]);
                    if (acknowledged.Count >= 5_000)
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

        string[] acknowledgedBeforeTheKill;
        lock (acknowledgedLock)
        {
            acknowledgedBeforeTheKill = [.. acknowledged];
        }

        await using IPersistenceProvider reopened = await SqlitePersistence.OpenAsync(new SqlitePersistenceOptions { DataSource = database });
        IReadOnlyList<StoredWorld> stored = await reopened.Worlds.ListAsync();

        // Acknowledged means durable; more may be listed, adds that committed before the kill but whose acknowledgement was not printed yet.
        stored.Select(w => w.Id).Should().Contain(acknowledgedBeforeTheKill);
        stored.Should().BeEquivalentTo(stored.Select(w => LoadWorld.For(w.Id)), "a stored row is whole, never half-written");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
