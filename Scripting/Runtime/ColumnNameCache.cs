using System.Text;

namespace WasGo.Scripting;

/// <summary>
/// The column names a script has used, kept with their UTF-8 bytes: a script names the same few
/// columns on every call, so a name read from its memory is matched against these bytes instead of
/// decoded and allocated again.
/// </summary>
/// <remarks>Used by one entity, so by one thread at a time.</remarks>
internal sealed class ColumnNameCache
{
    private const int Capacity = 8;

    private (byte[] Utf8, string Name)[]? _entries;
    private int _count;
    private int _next;

    public string Get(ReadOnlySpan<byte> utf8)
    {
        _entries ??= new (byte[], string)[Capacity];
        for (int i = 0; i < _count; i++)
        {
            if (utf8.SequenceEqual(_entries[i].Utf8))
            {
                return _entries[i].Name;
            }
        }

        string name = Encoding.UTF8.GetString(utf8);
        _entries[_next] = (utf8.ToArray(), name);
        _next = (_next + 1) % Capacity;
        _count = Math.Min(_count + 1, Capacity);
        return name;
    }
}
