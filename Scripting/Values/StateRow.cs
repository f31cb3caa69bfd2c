using System.Buffers;
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

    // Sorted by ordinal name. A row has a few columns that a script sets on most calls: a list
    // searched by halves is overwritten in place and walked without an enumerator, where a tree
    // allocated a node on every set and a stack on every walk (a world encodes every row each tick).
    private readonly List<KeyValuePair<string, ScriptValue>> _columns = [];
    private int _encodedSize = 5;

    // The digest of the row as it was when last computed, and whether it changed since.
    private byte[]? _digest;
    private bool _changed;

    /// <summary>Initializes an empty row.</summary>
    public StateRow() => Columns = _columns.AsReadOnly();

    /// <summary>Gets the columns, in name order.</summary>
    public IEnumerable<KeyValuePair<string, ScriptValue>> Columns { get; }

    /// <summary>Gets the number of columns.</summary>
    public int Count => _columns.Count;

    /// <summary>Gets the size of the row's encoding in bytes.</summary>
    public int EncodedSize => _encodedSize;

    /// <summary>Gets a column's value, or nil if it is absent.</summary>
    /// <param name="name">The column.</param>
    /// <returns>The value.</returns>
    public ScriptValue this[string name] => IndexOf(name) is >= 0 and int at ? _columns[at].Value : ScriptValue.Nil;

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

        int before = IndexOf(name) is >= 0 and int at ? ColumnSize(nameBytes, _columns[at].Value) : 0;
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
        var bytes = new byte[_encodedSize];
        EncodeTo(bytes);
        return bytes;
    }

    /// <summary>Computes the SHA-256 of the encoding: equal rows have equal digests on every machine.</summary>
    /// <returns>The digest.</returns>
    public byte[] Digest() => [.. CurrentDigest()];

    /// <summary>
    /// Computes the digest now if the row changed since it was last computed. A world digests every
    /// row on every tick; each entity does this for its own row when its batch ends, on its own
    /// thread, so that the world's digest only combines digests already made.
    /// </summary>
    internal void UpdateDigest() => CurrentDigest();

    /// <summary>Gets the SHA-256 of the encoding, computed again only if the row changed; valid until the row changes.</summary>
    internal ReadOnlySpan<byte> CurrentDigest()
    {
        if (_digest is null || _changed)
        {
            _digest ??= new byte[SHA256.HashSizeInBytes];
            byte[] buffer = ArrayPool<byte>.Shared.Rent(_encodedSize);
            try
            {
                EncodeTo(buffer);
                SHA256.HashData(buffer.AsSpan(0, _encodedSize), _digest);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            _changed = false;
        }

        return _digest;
    }

    private void EncodeTo(Span<byte> bytes)
    {
        bytes[0] = FormatVersion;
        BinaryPrimitives.WriteInt32LittleEndian(bytes[1..], _columns.Count);
        int at = 5;
        foreach ((string name, ScriptValue value) in _columns)
        {
            int nameLength = Encoding.UTF8.GetBytes(name, bytes[(at + 2)..]);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes[at..], (ushort)nameLength);
            at += 2 + nameLength;
            at += ScriptValueCodec.Write(bytes[at..], value);
        }
    }

    /// <summary>The column's index, or the complement of where it would go.</summary>
    private int IndexOf(string name)
    {
        int low = 0;
        int high = _columns.Count - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) / 2);
            int order = string.CompareOrdinal(_columns[middle].Key, name);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }

    // A column's size in format 1: the 2-byte name length, the name, then the value.
    private static int ColumnSize(int nameBytes, ScriptValue value) => 2 + nameBytes + ScriptValueCodec.SizeOf(value);

    private void SetUnchecked(string name, ScriptValue value)
    {
        int nameBytes = Encoding.UTF8.GetByteCount(name);
        int at = IndexOf(name);
        _changed = true;
        if (at >= 0)
        {
            _encodedSize -= ColumnSize(nameBytes, _columns[at].Value);
            if (value.Kind == ScriptValueKind.Nil)
            {
                _columns.RemoveAt(at);
                return;
            }

            _columns[at] = new(_columns[at].Key, value);
        }
        else if (value.Kind != ScriptValueKind.Nil)
        {
            _columns.Insert(~at, new(name, value));
        }
        else
        {
            return;
        }

        _encodedSize += ColumnSize(nameBytes, value);
    }
}
