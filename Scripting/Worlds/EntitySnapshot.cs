namespace WasGo.Scripting;

/// <summary>
/// One entity as a <see cref="WorldSnapshot"/> keeps it: everything but its instance, which the
/// restored world's next step makes afresh. Its state row holds its context's deterministic state
/// too (its random generator's, <c>$rng</c>, and its last call id, <c>$next_call</c>); the ids of
/// its running timers are its world's.
/// </summary>
/// <param name="EntityId">The entity's id.</param>
/// <param name="ModuleHash">The content hash of its module.</param>
/// <param name="State">Its state row, the snapshot's own copy.</param>
/// <param name="Unavailable">Why it cannot run, if it cannot; such an entity never runs again, so its module is not needed.</param>
internal sealed record EntitySnapshot(string EntityId, string ModuleHash, StateRow State, ScriptError? Unavailable)
{
    /// <summary>Writes it for a world snapshot: the id, the module hash, the row's encoding (length first), and whether it cannot run, with the code and the message if so.</summary>
    public void WriteTo(List<byte> output)
    {
        ScriptValueCodec.WriteString(output, EntityId);
        ScriptValueCodec.WriteString(output, ModuleHash);
        byte[] row = State.Encode();
        ScriptValueCodec.WriteLength(output, row.Length);
        output.AddRange(row);
        output.Add(Unavailable is null ? (byte)0 : (byte)1);
        if (Unavailable is not null)
        {
            output.Add((byte)Unavailable.Code);
            ScriptValueCodec.WriteString(output, Unavailable.Message);
        }
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote.</summary>
    /// <exception cref="FormatException">It is not an entity of a world snapshot.</exception>
    public static EntitySnapshot ReadFrom(ReadOnlySpan<byte> input, ref int at)
    {
        string entityId = ScriptValueCodec.ReadString(input, ref at);
        string moduleHash = ScriptValueCodec.ReadString(input, ref at);
        int length = ScriptValueCodec.ReadLength(input, ref at);
        StateRow state = StateRow.Decode(input.Slice(at, length));
        if (state.EncodedSize != length)
        {
            throw new FormatException($"The state row of '{entityId}' in a world snapshot has {length} bytes, of which a row of {state.EncodedSize} was read.");
        }

        at += length;
        ScriptError? unavailable = input[at++] switch
        {
            0 => null,
            1 => new ScriptError(ReadCode(input[at++], entityId), ScriptValueCodec.ReadString(input, ref at)),
            var kind => throw new FormatException($"Entity '{entityId}' of a world snapshot is marked {kind}; 0 is an entity that runs, 1 one that cannot."),
        };
        return new EntitySnapshot(entityId, moduleHash, state, unavailable);
    }

    private static ScriptErrorCode ReadCode(byte code, string entityId) =>
        Enum.IsDefined((ScriptErrorCode)code) ? (ScriptErrorCode)code : throw new FormatException($"Entity '{entityId}' of a world snapshot cannot run for a reason of unknown code {code}.");
}
