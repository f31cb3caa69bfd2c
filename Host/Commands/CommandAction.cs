using System.CommandLine;

namespace WasGo.Host.Commands;

/// <summary>Runs a command's body: a <see cref="CommandException"/> is printed to stderr as <c>wasgo: …</c> and exits 1, never a stack trace.</summary>
internal static class CommandAction
{
    /// <summary>The exit code of a command that failed.</summary>
    public const int Failed = 1;

    public static void SetHandler(this Command command, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await body(parseResult, cancellationToken).ConfigureAwait(false);
            }
            catch (CommandException failed)
            {
                await Console.Error.WriteLineAsync("wasgo: " + failed.Message).ConfigureAwait(false);
                return Failed;
            }
        });
}
