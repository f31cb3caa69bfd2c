using WasGo.Actors.Worlds;

namespace WasGo.Actors.Serialization;

/// <summary>
/// <see cref="IdempotentInput"/>: the key, the input's manifest, then the input in its own format,
/// written into the same array (no nested one).
/// </summary>
/// <param name="inputs">The formats of the inputs it may carry; any other input is refused.</param>
internal sealed class IdempotentInputFormat(WireFormats inputs) : WireFormat<IdempotentInput>("ii")
{
    public override int SizeOf(IdempotentInput message)
    {
        WireFormat input = inputs.Of(message.Input);
        return WireWriter.SizeOf(message.Key) + WireWriter.SizeOf(input.Manifest) + input.SizeOf(message.Input);
    }

    public override void Write(ref WireWriter writer, IdempotentInput message)
    {
        WireFormat input = inputs.Of(message.Input);
        writer.WriteString(message.Key);
        writer.WriteString(input.Manifest);
        input.Write(ref writer, message.Input);
    }

    public override IdempotentInput ReadMessage(ref WireReader reader)
    {
        string key = reader.ReadString();
        string manifest = reader.ReadString();
        WireFormat input = inputs.Named(manifest);
        return new IdempotentInput(key, input.Read(ref reader));
    }
}
