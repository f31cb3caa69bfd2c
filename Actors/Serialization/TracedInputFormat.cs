using System.Diagnostics;
using WasGo.Actors.Worlds;

namespace WasGo.Actors.Serialization;

/// <summary>
/// <see cref="TracedInput"/>: the sender's span as W3C trace context (the 16-byte trace id, the
/// 8-byte span id, the flags, the trace state or an empty string), then the input's manifest and the
/// input in its own format.
/// </summary>
/// <param name="inputs">The formats of the inputs it may carry, keyed or not; any other is refused.</param>
internal sealed class TracedInputFormat(WireFormats inputs) : WireFormat<TracedInput>("ti")
{
    private const int TraceIdSize = 16;
    private const int SpanIdSize = 8;

    public override int SizeOf(TracedInput message)
    {
        WireFormat input = inputs.Of(message.Input);
        return TraceIdSize + SpanIdSize + WireWriter.ByteSize + WireWriter.SizeOf(message.Trace.TraceState ?? string.Empty)
            + WireWriter.SizeOf(input.Manifest) + input.SizeOf(message.Input);
    }

    public override void Write(ref WireWriter writer, TracedInput message)
    {
        WireFormat input = inputs.Of(message.Input);
        Span<byte> ids = stackalloc byte[TraceIdSize + SpanIdSize];
        message.Trace.TraceId.CopyTo(ids[..TraceIdSize]);
        message.Trace.SpanId.CopyTo(ids[TraceIdSize..]);
        foreach (byte b in ids)
        {
            writer.WriteByte(b);
        }

        writer.WriteByte((byte)message.Trace.TraceFlags);
        writer.WriteString(message.Trace.TraceState ?? string.Empty);
        writer.WriteString(input.Manifest);
        input.Write(ref writer, message.Input);
    }

    public override TracedInput ReadMessage(ref WireReader reader)
    {
        Span<byte> ids = stackalloc byte[TraceIdSize + SpanIdSize];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = reader.ReadByte();
        }

        var flags = (ActivityTraceFlags)reader.ReadByte();
        string state = reader.ReadString();
        var trace = new ActivityContext(ActivityTraceId.CreateFromBytes(ids[..TraceIdSize]), ActivitySpanId.CreateFromBytes(ids[TraceIdSize..]), flags, state.Length == 0 ? null : state, isRemote: true);
        WireFormat input = inputs.Named(reader.ReadString());
        return new TracedInput(trace, input.Read(ref reader));
    }
}
