using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using WasGo.Actors.Worlds;
using WasGo.Scripting;

namespace WasGo.Actors.Serialization;

/// <summary>
/// The binary form of a world's journal events — <see cref="RecordedTick"/>,
/// <see cref="RecordedTimeouts"/> and <see cref="RecordedProgress"/>, which encode themselves — and of
/// its snapshots (<see cref="WorldActorSnapshot"/>); their <c>Manifest</c> constants are the
/// manifests, so that every journal and snapshot row names its format's version.
/// </summary>
/// <remarks>Thread-safe: it keeps no state of its own.</remarks>
public sealed class WorldEventSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer's identifier, in the range Akka leaves to users.</summary>
    public const int SerializerIdentifier = 4712;

    /// <summary>Initializes the serializer; Akka makes one per actor system.</summary>
    /// <param name="system">The actor system.</param>
    public WorldEventSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <summary>Gets <see cref="SerializerIdentifier"/>.</summary>
    public override int Identifier => SerializerIdentifier;

    /// <summary>Gets the event types this serializer writes, to bind it to.</summary>
    internal static IReadOnlyList<Type> EventTypes { get; } = [typeof(RecordedTick), typeof(RecordedTimeouts), typeof(RecordedProgress), typeof(WorldActorSnapshot)];

    /// <summary>Gets the manifest of an event: its type's format version.</summary>
    /// <param name="o">The event.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="ArgumentException">The object is not a world's journal event.</exception>
    public override string Manifest(object o) => o switch
    {
        RecordedTick => RecordedTick.Manifest,
        RecordedTimeouts => RecordedTimeouts.Manifest,
        RecordedProgress => RecordedProgress.Manifest,
        WorldActorSnapshot => WorldActorSnapshot.Manifest,
        _ => throw NotAnEvent(o, nameof(o)),
    };

    /// <summary>Writes an event.</summary>
    /// <param name="obj">The event.</param>
    /// <returns>Its bytes.</returns>
    /// <exception cref="ArgumentException">The object is not a world's journal event.</exception>
    /// <exception cref="InvalidOperationException">A <see cref="RecordedTick"/> has idempotency keys, but not one per input.</exception>
    public override byte[] ToBinary(object obj) => obj switch
    {
        RecordedTick tick => tick.Encode(),
        RecordedTimeouts timeouts => timeouts.Encode(),
        RecordedProgress progress => progress.Encode(),
        WorldActorSnapshot snapshot => WorldActorSnapshotFormat.Encode(snapshot),
        _ => throw NotAnEvent(obj, nameof(obj)),
    };

    /// <summary>Reads an event.</summary>
    /// <param name="bytes">Its bytes.</param>
    /// <param name="manifest">Its manifest.</param>
    /// <returns>The event.</returns>
    /// <exception cref="SerializationException">The manifest names no format this node reads, or the bytes are not an event of that format.</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            return manifest switch
            {
                RecordedTick.Manifest => RecordedTick.Decode(bytes),
                RecordedTimeouts.Manifest => RecordedTimeouts.Decode(bytes),
                RecordedProgress.Manifest => RecordedProgress.Decode(bytes),
                WorldActorSnapshot.Manifest => WorldActorSnapshotFormat.Decode(bytes),
                _ => throw new SerializationException(
                    $"The journal event manifest '{manifest}' names no format this node reads; it reads '{RecordedTick.Manifest}', '{RecordedTimeouts.Manifest}', '{RecordedProgress.Manifest}' and '{WorldActorSnapshot.Manifest}'. Older formats are not read; a newer one needs a newer node."),
            };
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException)
        {
            // RecordedTick.Decode turns most truncations into a FormatException, but one that cuts
            // before an input's kind byte or a value's tag throws IndexOutOfRangeException (it reads
            // those bytes by index): both mean the bytes are not an event.
            throw new SerializationException($"A journal event '{manifest}' of {bytes.Length} bytes cannot be read: {e.Message}", e);
        }
    }

    private static ArgumentException NotAnEvent(object? value, string parameter) =>
        new($"A {value?.GetType().FullName ?? "null"} is not a world's journal event; only {string.Join(", ", EventTypes.Select(static type => type.Name))} are.", parameter);
}
