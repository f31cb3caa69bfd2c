using System.Data.Common;
using System.Runtime.InteropServices;

namespace WasGo.Persistence;

/// <summary>Parameter handling shared by the SQLite and PostgreSQL commands.</summary>
internal static class DbCommandExtensions
{
    /// <summary>Sets a named parameter, adding it the first time.</summary>
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        int index = command.Parameters.IndexOf(name);
        if (index < 0)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        else
        {
            command.Parameters[index].Value = value ?? DBNull.Value;
        }

        return command;
    }

    /// <summary>The bytes as an array, without a copy when the memory is a whole array already.</summary>
    public static byte[] AsArray(this ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out ArraySegment<byte> segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();

    public static long ToUnixMilliseconds(this DateTimeOffset time) => time.ToUnixTimeMilliseconds();
}
