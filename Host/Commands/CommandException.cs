namespace WasGo.Host.Commands;

/// <summary>A command that cannot do what it was asked, with the message the user sees (exit code 1).</summary>
internal sealed class CommandException(string message) : Exception(message);
