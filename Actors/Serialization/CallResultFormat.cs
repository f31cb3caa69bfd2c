using WasGo.Scripting;

namespace WasGo.Actors.Serialization;

/// <summary><see cref="CallResult"/>: the value, a flag for an error, then the error's code and message if there is one.</summary>
internal sealed class CallResultFormat() : WireFormat<CallResult>("cr")
{
    public override int SizeOf(CallResult message) =>
        WireWriter.SizeOf(message.Value) + WireWriter.ByteSize + (message.Error is { } error ? WireWriter.ByteSize + WireWriter.SizeOf(error.Message) : 0);

    public override void Write(ref WireWriter writer, CallResult message)
    {
        writer.WriteValue(message.Value);
        writer.WriteBoolean(message.Error is not null);
        if (message.Error is { } error)
        {
            writer.WriteByte((byte)error.Code);
            writer.WriteString(error.Message);
        }
    }

    public override CallResult ReadMessage(ref WireReader reader)
    {
        ScriptValue value = reader.ReadValue();
        if (!reader.ReadBoolean())
        {
            // Success shares one instance for nil, the result of most calls.
            return CallResult.Success(value);
        }

        var code = (ScriptErrorCode)reader.ReadByte();
        // A code this node does not know would be shown as another kind of failure: refused
        // instead, as nodes that number the codes differently cannot talk.
        return Enum.IsDefined(code)
            ? new CallResult(value, new ScriptError(code, reader.ReadString()))
            : throw reader.Malformed($"the error code {(int)code} is not a {nameof(ScriptErrorCode)}");
    }
}
