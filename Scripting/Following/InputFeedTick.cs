namespace WasGo.Scripting;

/// <summary>One tick of a world as its host ran it: the inputs it applied, in order, and the calls the host's wall clock stopped.</summary>
/// <param name="Tick">The tick (its number after the step).</param>
/// <param name="Inputs">The inputs, in the order applied.</param>
/// <param name="TimedOutCalls">The calls the wall clock stopped, which a follower stops too.</param>
/// <param name="Digest">The world's digest after the tick; null in a start frame's catch-up, where only the last tick's is sent.</param>
public sealed record InputFeedTick(long Tick, IReadOnlyList<WorldInput> Inputs, IReadOnlyList<TimedOutCall> TimedOutCalls, byte[]? Digest) : InputFeedFrame
{
    /// <summary>Gets whether the tick applied something or had calls stopped: only such ticks are in a start frame's catch-up.</summary>
    public bool IsRecorded => Inputs.Count > 0 || TimedOutCalls.Count > 0;

    /// <summary>Gets the digest as lowercase hex, or null.</summary>
    public string? DigestHex => Digest is null ? null : Convert.ToHexStringLower(Digest);

    /// <inheritdoc />
    internal override void Write(BinaryWriter writer)
    {
        writer.Write(TickKind);
        WriteBody(writer);
    }

    /// <summary>Writes the tick without its kind (as in a start frame's catch-up).</summary>
    internal void WriteBody(BinaryWriter writer)
    {
        writer.Write(Tick);
        writer.Write(Digest is not null);
        if (Digest is not null)
        {
            writer.Write(Digest);
        }

        WriteBlock(writer, Inputs.Count == 0 ? null : new RecordedTick(Tick, Inputs).Encode());
        WriteBlock(writer, TimedOutCalls.Count == 0 ? null : new RecordedTimeouts(Tick, TimedOutCalls).Encode());
    }

    /// <summary>Reads what <see cref="WriteBody"/> wrote.</summary>
    internal static InputFeedTick Read(BinaryReader reader)
    {
        long tick = reader.ReadInt64();
        byte[]? digest = reader.ReadBoolean() ? reader.ReadBytes(DigestSize) : null;
        if (digest is { Length: not DigestSize })
        {
            throw new FormatException("A tick's digest is cut short.");
        }

        RecordedTick? inputs = ReadBlock(reader) is { } i ? RecordedTick.Decode(i) : null;
        RecordedTimeouts? stopped = ReadBlock(reader) is { } s ? RecordedTimeouts.Decode(s) : null;
        if ((inputs is not null && inputs.Tick != tick) || (stopped is not null && stopped.Tick != tick))
        {
            throw new FormatException($"Tick {tick}'s inputs or stopped calls are of another tick.");
        }

        return new InputFeedTick(tick, inputs?.Inputs ?? [], stopped?.Calls ?? [], digest);
    }
}
