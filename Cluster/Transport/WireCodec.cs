using System.Text;

namespace WasGo.Cluster;

/// <summary>
/// The byte layout of batches of envelopes and replies: a count, then each item's fields with
/// length-prefixed strings and bytes. Many small messages ride in one broker message this way.
/// </summary>
internal static class WireCodec
{
    private const byte Version = 1;

    public static byte[] EncodeEnvelopes(IReadOnlyList<WireEnvelope> items) =>
        Encode(items, static (writer, item) =>
        {
            writer.Write(item.MessageId.ToByteArray());
            writer.Write((byte)item.Kind);
            writer.Write(item.ReplyNode);
            writer.Write(item.CorrelationId);
            writer.Write(item.EntityId);
            writer.Write(item.Manifest);
            WriteBytes(writer, item.Payload);
        });

    public static byte[] EncodeReplies(IReadOnlyList<WireReply> items) =>
        Encode(items, static (writer, item) =>
        {
            writer.Write(item.CorrelationId);
            writer.Write((byte)item.Kind);
            writer.Write(item.Manifest);
            WriteBytes(writer, item.Payload);
        });

    /// <exception cref="InvalidDataException">The bytes are not a batch of this version.</exception>
    public static List<WireEnvelope> DecodeEnvelopes(ReadOnlyMemory<byte> body) =>
        Decode(body, reader => new WireEnvelope(
            new Guid(reader.ReadBytes(16)),
            ReadKind(reader),
            reader.ReadString(),
            reader.ReadInt64(),
            reader.ReadString(),
            reader.ReadString(),
            ReadBytes(reader)));

    /// <exception cref="InvalidDataException">The bytes are not a batch of this version.</exception>
    public static List<WireReply> DecodeReplies(ReadOnlyMemory<byte> body) =>
        Decode(body, reader => new WireReply(reader.ReadInt64(), ReadKind(reader), reader.ReadString(), ReadBytes(reader)));

    private static byte[] Encode<T>(IReadOnlyList<T> items, Action<BinaryWriter, T> writeItem)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(items.Count);
            foreach (T item in items)
            {
                writeItem(writer, item);
            }
        }

        return stream.ToArray();
    }

    private static void WriteBytes(BinaryWriter writer, byte[] bytes)
    {
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    private static List<T> Decode<T>(ReadOnlyMemory<byte> body, Func<BinaryReader, T> readItem)
    {
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            byte version = reader.ReadByte();
            if (version != Version)
            {
                throw new InvalidDataException($"A cluster message has layout version {version}; this node reads version {Version}. Run one version of WasGo on every node.");
            }

            int count = reader.ReadInt32();
            if (count < 0 || count > body.Length)
            {
                throw new InvalidDataException($"A cluster message claims {count} items in {body.Length} bytes.");
            }

            var items = new List<T>(count);
            for (int i = 0; i < count; i++)
            {
                items.Add(readItem(reader));
            }

            return items;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException or FormatException)
        {
            throw new InvalidDataException($"A cluster message of {body.Length} bytes is truncated or malformed: {e.Message}", e);
        }
    }

    private static WireKind ReadKind(BinaryReader reader)
    {
        byte kind = reader.ReadByte();
        return Enum.IsDefined((WireKind)kind) ? (WireKind)kind : throw new InvalidDataException($"A cluster message has item kind {kind}, which this node does not know.");
    }

    private static byte[] ReadBytes(BinaryReader reader)
    {
        int length = reader.ReadInt32();
        if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new InvalidDataException($"A cluster message claims a payload of {length} bytes, more than it holds.");
        }

        return reader.ReadBytes(length);
    }
}
