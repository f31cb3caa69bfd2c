namespace WasGo.Scripting;

/// <summary>
/// The inputs one tick of a world applied, as recorded for replay. Only ticks with inputs are
/// recorded; replaying steps the ticks between them with none.
/// </summary>
/// <param name="Tick">The tick that applied them (its number after the step).</param>
/// <param name="Inputs">The inputs, in the order applied.</param>
/// <param name="MessageIds">The id each input came with (a world actor's identified message), <see cref="Guid.Empty"/> for none; null when none has one.</param>
public sealed record RecordedTick(long Tick, IReadOnlyList<WorldInput> Inputs, IReadOnlyList<Guid>? MessageIds = null)
{
    /// <summary>
    /// The journal manifest of recorded ticks. Version 2: the same bytes as version 1, applied by a
    /// world whose ticks merge entities' results in id order (phases); version 1's ticks, applied one
    /// entity after another, would replay to other states, so they are not read.
    /// </summary>
    public const string Manifest = "wasgo-tick-v2";

    private const byte Spawn = 1;
    private const byte Call = 2;
    private const byte Despawn = 3;
    private const byte TickRate = 4;

    /// <summary>Encodes the tick for a journal or a file.</summary>
    /// <returns>The bytes.</returns>
    public byte[] Encode()
    {
        var output = new List<byte>();
        output.AddRange(BitConverter.GetBytes(Tick));
        ScriptValueCodec.WriteLength(output, Inputs.Count);
        foreach (WorldInput input in Inputs)
        {
            switch (input)
            {
                case SpawnInput spawn:
                    output.Add(Spawn);
                    ScriptValueCodec.WriteString(output, spawn.EntityId);
                    ScriptValueCodec.WriteString(output, spawn.ModuleHash);
                    break;
                case CallInput call:
                    output.Add(Call);
                    ScriptValueCodec.WriteString(output, call.EntityId);
                    ScriptValueCodec.WriteString(output, call.Method);
                    ScriptValueCodec.WriteLength(output, call.Arguments.Count);
                    foreach (ScriptValue argument in call.Arguments)
                    {
                        ScriptValueCodec.Write(output, argument);
                    }

                    break;
                case DespawnInput despawn:
                    output.Add(Despawn);
                    ScriptValueCodec.WriteString(output, despawn.EntityId);
                    break;
                case SetTickRateInput rate:
                    output.Add(TickRate);
                    output.AddRange(BitConverter.GetBytes(rate.TickRate));
                    break;
            }
        }

        // The ids follow the inputs, so that ticks recorded before ids existed read the same.
        if (MessageIds is { } ids && ids.Any(id => id != Guid.Empty))
        {
            foreach (Guid id in ids)
            {
                output.AddRange(id.ToByteArray());
            }
        }

        return [.. output];
    }

    /// <summary>Reads a tick back.</summary>
    /// <param name="bytes">What <see cref="Encode"/> made.</param>
    /// <returns>The tick.</returns>
    /// <exception cref="FormatException">The bytes are not a recorded tick.</exception>
    public static RecordedTick Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            long tick = BitConverter.ToInt64(bytes);
            int at = 8;
            int count = ScriptValueCodec.ReadLength(bytes, ref at);
            var inputs = new List<WorldInput>(Math.Min(count, 4096));
            for (int i = 0; i < count; i++)
            {
                byte kind = bytes[at++];
                inputs.Add(kind switch
                {
                    Spawn => new SpawnInput(ScriptValueCodec.ReadString(bytes, ref at), ScriptValueCodec.ReadString(bytes, ref at)),
                    Call => ReadCall(bytes, ref at),
                    Despawn => new DespawnInput(ScriptValueCodec.ReadString(bytes, ref at)),
                    TickRate => new SetTickRateInput(ReadDouble(bytes, ref at)),
                    _ => throw new FormatException($"Unknown world input kind {kind}."),
                });
            }

            if (at == bytes.Length)
            {
                return new RecordedTick(tick, inputs);
            }

            if (bytes.Length - at != count * 16)
            {
                throw new FormatException($"A recorded tick has {bytes.Length - at} bytes after its {count} inputs; message ids take 16 bytes each.");
            }

            var ids = new Guid[count];
            for (int i = 0; i < count; i++, at += 16)
            {
                ids[i] = new Guid(bytes.Slice(at, 16));
            }

            return new RecordedTick(tick, inputs, ids);
        }
        catch (ArgumentOutOfRangeException truncated)
        {
            throw new FormatException("The recorded tick is truncated.", truncated);
        }
    }

    private static double ReadDouble(ReadOnlySpan<byte> bytes, ref int at)
    {
        double value = BitConverter.ToDouble(bytes[at..(at + 8)]);
        at += 8;
        return value;
    }

    private static CallInput ReadCall(ReadOnlySpan<byte> bytes, ref int at)
    {
        string entityId = ScriptValueCodec.ReadString(bytes, ref at);
        string method = ScriptValueCodec.ReadString(bytes, ref at);
        int count = ScriptValueCodec.ReadLength(bytes, ref at);
        var arguments = new ScriptValue[Math.Min(count, AbiLimits.MaxStagedArguments)];
        if (count > AbiLimits.MaxStagedArguments)
        {
            throw new FormatException($"A recorded call has {count} arguments; at most {AbiLimits.MaxStagedArguments} are allowed.");
        }

        for (int i = 0; i < count; i++)
        {
            arguments[i] = ScriptValueCodec.Read(bytes, ref at);
        }

        return new CallInput(entityId, method, arguments);
    }
}
