namespace WasGo.Scripting;

/// <summary>
/// The inputs one tick of a world applied, as recorded for replay. Only ticks with inputs are
/// recorded; replaying steps the ticks between them with none.
/// </summary>
/// <param name="Tick">The tick that applied them (its number after the step).</param>
/// <param name="Inputs">The inputs, in the order applied.</param>
/// <param name="IdempotencyKeys">The idempotency key each input came with (a client's <c>Idempotency-Key</c>), null for none; the list is null when none has one.</param>
public sealed record RecordedTick(long Tick, IReadOnlyList<WorldInput> Inputs, IReadOnlyList<string?>? IdempotencyKeys = null)
{
    /// <summary>
    /// The journal manifest of recorded ticks. Version 3: idempotency keys are strings (version 2
    /// had 16-byte message ids); versions 1 and 2 lived in a journal of our own, which is not read.
    /// </summary>
    public const string Manifest = "wasgo-tick-v3";

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

        // The keys follow the inputs, one string each (empty for none), and only when there is one.
        if (IdempotencyKeys is { } keys && keys.Any(key => key is not null))
        {
            if (keys.Count != Inputs.Count)
            {
                throw new InvalidOperationException($"A recorded tick has {Inputs.Count} inputs and {keys.Count} idempotency keys; it needs one key (or null) per input.");
            }

            foreach (string? key in keys)
            {
                ScriptValueCodec.WriteString(output, key ?? "");
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

            var keys = new string?[count];
            for (int i = 0; i < count; i++)
            {
                string key = ScriptValueCodec.ReadString(bytes, ref at);
                keys[i] = key.Length == 0 ? null : key;
            }

            if (at != bytes.Length)
            {
                throw new FormatException($"A recorded tick has {bytes.Length - at} bytes after its {count} inputs and their idempotency keys.");
            }

            return new RecordedTick(tick, inputs, keys);
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
