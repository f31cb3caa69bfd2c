using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace WasGo.Scripting;

/// <summary>
/// An entity's state: named columns of <see cref="ScriptValue"/>s, kept in ordinal name order so that
/// its encoding, and so its digest, are the same on every machine. Names starting with <c>$</c>
/// belong to the host (the entity's random state, its module).
/// </summary>
/// <remarks>Not thread-safe: it belongs to one entity.</remarks>
public sealed class StateRow
{
    private const byte FormatVersion = 1;
    private readonly SortedDictionary<string, ScriptValue> _columns = new(StringComparer.Ordinal);
    private int _encodedSize = 5;

    /// <summary>Gets the columns, in name order.</summary>
    public IEnumerable<KeyValuePair<string, ScriptValue>> Columns => _columns;

    /// <summary>Gets the number of columns.</summary>
    public int Count => _columns.Count;

    /// <summary>Gets the size of the row's encoding in bytes.</summary>
    public int EncodedSize => _encodedSize;

    /// <summary>Gets a column's value, or nil if it is absent.</summary>
    /// <param name="name">The column.</param>
    /// <returns>The value.</returns>
    public ScriptValue this[string name] => _columns.GetValueOrDefault(name);

    /// <summary>Reads a row back from <see cref="Encode"/>'s bytes.</summary>
    /// <param name="bytes">The encoding.</param>
    /// <returns>The row.</returns>
    /// <exception cref="FormatException">The bytes are not a row of this format.</exception>
    public static StateRow Decode(ReadOnlySpan<byte> bytes)
    {
        var row = new StateRow();
        try
        {
            if (bytes[0] != FormatVersion)
            {
                throw new FormatException($"State row format {bytes[0]} is unknown; this host reads format {FormatVersion}.");
            }

            int at = 1;
            int count = ScriptValueCodec.ReadLength(bytes, ref at);
            for (int i = 0; i < count; i++)
            {
                int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]);
                string name = Encoding.UTF8.GetString(bytes.Slice(at + 2, nameLength));
                at += 2 + nameLength;
                row.SetUnchecked(name, ScriptValueCodec.Read(bytes, ref at));
            }

            return row;
        }
        catch (ArgumentOutOfRangeException truncated)
        {
            throw new FormatException("The state row is truncated.", truncated);
        }
    }

    /// <summary>Sets a column (nil removes it), within the ABI's limits.</summary>
    /// <param name="name">The column.</param>
    /// <param name="value">The value.</param>
    /// <returns>Whether it fit: false leaves the row as it was.</returns>
    public bool TrySet(string name, ScriptValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        int nameBytes = Encoding.UTF8.GetByteCount(name);
        if (nameBytes is 0 or > AbiLimits.MaxColumnNameBytes || value.Length > AbiLimits.MaxValueBytes)
        {
            return false;
        }

        int before = _columns.TryGetValue(name, out ScriptValue old) ? ColumnSize(nameBytes, old) : 0;
        int after = value.Kind == ScriptValueKind.Nil ? 0 : ColumnSize(nameBytes, value);
        bool adds = before == 0 && after > 0;
        if (_encodedSize - before + after > AbiLimits.MaxRowBytes || (adds && _columns.Count >= AbiLimits.MaxColumns))
        {
            return false;
        }

        SetUnchecked(name, value);
        return true;
    }

    /// <summary>Gets the script's columns, leaving out the host's (whose names start with <c>$</c>).</summary>
    /// <returns>A copy of those columns.</returns>
    public IReadOnlyDictionary<string, ScriptValue> ScriptColumns()
    {
        var columns = new Dictionary<string, ScriptValue>(StringComparer.Ordinal);
        foreach ((string name, ScriptValue value) in _columns)
        {
            if (!name.StartsWith('$'))
            {
                columns[name] = value;
            }
        }

        return columns;
    }

    /// <summary>Copies the row.</summary>
    /// <returns>An independent row with the same columns.</returns>
    public StateRow Clone()
    {
        var copy = new StateRow();
        foreach ((string name, ScriptValue value) in _columns)
        {
            copy.SetUnchecked(name, value);
        }

        return copy;
    }

    /// <summary>Encodes the row: the same columns always give the same bytes.</summary>
    /// <returns>The encoding.</returns>
    /// <remarks>Format 1: the version, the column count, then per column a 2-byte name length, the name and the value as <see cref="ScriptValueCodec"/> writes it.</remarks>
    public byte[] Encode()
    {
        // Exactly sized: a world digests every entity's row on every tick.
        var bytes = new byte[_encodedSize];
        bytes[0] = FormatVersion;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(1), _columns.Count);
        int at = 5;
        foreach ((string name, ScriptValue value) in _columns)
        {
            int nameLength = Encoding.UTF8.GetBytes(name, bytes.AsSpan(at + 2));
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at), (ushort)nameLength);
            at += 2 + nameLength;
            at += ScriptValueCodec.Write(bytes.AsSpan(at), value);
        }

        return bytes;
    }

    /// <summary>Computes the SHA-256 of the encoding: equal rows have equal digests on every machine.</summary>
    /// <returns>The digest.</returns>
    public byte[] Digest() => SHA256.HashData(Encode());

    // A column's size in format 1: the 2-byte name length, the name, then the value.
    private static int ColumnSize(int nameBytes, ScriptValue value) => 2 + nameBytes + ScriptValueCodec.SizeOf(value);

    private void SetUnchecked(string name, ScriptValue value)
    {
        int nameBytes = Encoding.UTF8.GetByteCount(name);
        if (_columns.Remove(name, out ScriptValue old))
        {
            _encodedSize -= ColumnSize(nameBytes, old);
        }

        if (value.Kind != ScriptValueKind.Nil)
        {
            _columns[name] = value;
            _encodedSize += ColumnSize(nameBytes, value);
        }
    }
}
