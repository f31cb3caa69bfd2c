namespace WasGo.Scripting;

/// <summary>A message waiting in its world's queue for delivery: a one-way send, or a call whose reply goes back to its caller.</summary>
/// <param name="From">The sender.</param>
/// <param name="Target">The entity it is for.</param>
/// <param name="Method">The method it calls.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="ReplyTo">For a call, the entity its reply goes to; null for a send.</param>
/// <param name="CallId">For a call, the caller's id of it (its <c>_reply</c>'s argument); 0 for a send.</param>
internal sealed record Delivery(string From, string Target, string Method, ScriptValue[] Arguments, string? ReplyTo, long CallId)
{
    /// <summary>Writes it for a world snapshot: the three strings, the arguments (a count, then each value), whether it is a call, its caller, and the call id.</summary>
    public void WriteTo(List<byte> output)
    {
        ScriptValueCodec.WriteString(output, From);
        ScriptValueCodec.WriteString(output, Target);
        ScriptValueCodec.WriteString(output, Method);
        ScriptValueCodec.WriteLength(output, Arguments.Length);
        foreach (ScriptValue argument in Arguments)
        {
            ScriptValueCodec.Write(output, argument);
        }

        output.Add(ReplyTo is null ? (byte)0 : (byte)1);
        if (ReplyTo is not null)
        {
            ScriptValueCodec.WriteString(output, ReplyTo);
        }

        ScriptValueCodec.WriteInt64(output, CallId);
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote.</summary>
    /// <exception cref="FormatException">It is not a message of a world snapshot.</exception>
    public static Delivery ReadFrom(ReadOnlySpan<byte> input, ref int at)
    {
        string from = ScriptValueCodec.ReadString(input, ref at);
        string target = ScriptValueCodec.ReadString(input, ref at);
        string method = ScriptValueCodec.ReadString(input, ref at);
        int count = ScriptValueCodec.ReadLength(input, ref at);
        if (count > AbiLimits.MaxStagedArguments)
        {
            throw new FormatException($"A queued message of a world snapshot has {count} arguments; a script sends at most {AbiLimits.MaxStagedArguments}.");
        }

        var arguments = new ScriptValue[count];
        for (int i = 0; i < count; i++)
        {
            arguments[i] = ScriptValueCodec.Read(input, ref at);
        }

        string? replyTo = input[at++] switch
        {
            0 => null,
            1 => ScriptValueCodec.ReadString(input, ref at),
            var kind => throw new FormatException($"A queued message of a world snapshot is of kind {kind}; 0 is a send, 1 a call."),
        };
        return new Delivery(from, target, method, arguments, replyTo, ScriptValueCodec.ReadInt64(input, ref at));
    }
}
