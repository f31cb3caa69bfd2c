namespace WasGo.Actors.TestKit;

/// <summary>
/// The node side of <see cref="ClusterNodeProcess"/>'s line protocol, for a test node program: it
/// prints <c>READY</c>, then reads <c>&lt;id&gt; &lt;command&gt;</c> lines from standard input and
/// answers each with <c>&lt;id&gt; &lt;result&gt;</c> (or <c>&lt;id&gt; ERROR &lt;message&gt;</c>), commands running concurrently.
/// </summary>
public static class NodeCommandLoop
{
    /// <summary>Runs the loop until standard input closes (the test process went away) or <paramref name="cancellationToken"/> fires; then waits for the commands still running.</summary>
    /// <param name="handle">Answers one command with a single line.</param>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <returns>A task that completes when the loop ends.</returns>
    public static async Task RunAsync(Func<string, CancellationToken, Task<string>> handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        var outputLock = new Lock();
        void WriteLine(string line)
        {
            lock (outputLock)
            {
                output.WriteLine(line);
            }
        }

        WriteLine("READY");
        using var input = new StreamReader(Console.OpenStandardInput());
        var running = new List<Task>();
        // WaitAsync, because a read of a pipe does not end when its token fires.
        while (await ReadLineAsync(input, cancellationToken).ConfigureAwait(false) is { } line)
        {
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                WriteLine("? ERROR a command line is '<id> <command>', got '" + line + "'");
                continue;
            }

            string id = line[..space];
            string command = line[(space + 1)..];
            running.Add(Task.Run(
                async () =>
                {
                    string result;
                    try
                    {
                        result = await handle(command, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e)
                    {
                        result = "ERROR " + e.GetType().Name + ": " + e.Message.ReplaceLineEndings(" ");
                    }

                    WriteLine(id + " " + result);
                },
                CancellationToken.None));
            running.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private static async Task<string?> ReadLineAsync(StreamReader input, CancellationToken cancellationToken)
    {
        try
        {
            return await input.ReadLineAsync(CancellationToken.None).AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
