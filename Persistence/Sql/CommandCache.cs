using System.Data.Common;

namespace WasGo.Persistence;

/// <summary>
/// The writer connection's commands, made once per statement and reused with new parameter values,
/// so that a group commit does not prepare the same SQL a thousand times.
/// </summary>
/// <remarks>Used by the writer loop alone.</remarks>
internal sealed class CommandCache(DbConnection connection) : IDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    public DbCommand Get(string sql, DbTransaction transaction)
    {
        if (!_commands.TryGetValue(sql, out DbCommand? command))
        {
            command = connection.CreateCommand();
#pragma warning disable CA2100 // Every statement is a constant of this assembly; values travel as parameters.
            command.CommandText = sql;
#pragma warning restore CA2100
            _commands.Add(sql, command);
        }

        command.Transaction = transaction;
        return command;
    }

    public void Dispose()
    {
        foreach (DbCommand command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
