using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using WasGo.Actors.Worlds;
using WasGo.Scripting;

namespace WasGo.Actors.Serialization;

/// <summary>
/// The binary form of the messages that cross nodes to and from a world: its inputs
/// (<see cref="WorldSpawn"/>, <see cref="WorldCall"/>, <see cref="WorldDespawn"/>,
/// <see cref="WorldSetTickRate"/>, each alone or in an <see cref="IdempotentInput"/>, either in a <see cref="TracedInput"/>), its queries
/// (<see cref="GetWorldStatus"/>, <see cref="CheckpointWorld"/>, <see cref="FollowWorldInputs"/>,
/// <see cref="GetWorldInputWindow"/>, <see cref="GetWorldModules"/>) and what it answers and publishes
/// (<see cref="CallResult"/>, <see cref="WorldStatus"/>, <see cref="WorldCheckpointed"/>,
/// <see cref="WorldTicked"/>, <see cref="WorldInputFrame"/>, <see cref="WorldModules"/>). Values keep their exact bits (floats as their 8 raw bytes, NaN
/// payloads and -0.0 included; strings as the UTF-8 bytes a script wrote).
/// </summary>
/// <remarks>
/// Each message is written into one array of its exact size. The manifests are short and name the
/// form: a message whose form changes gets a new manifest, so that nodes of two versions refuse
/// each other's bytes instead of misreading them. Thread-safe: it keeps no state of its own.
/// </remarks>
public sealed class WorldMessageSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer's identifier, in the range Akka leaves to users.</summary>
    public const int SerializerIdentifier = 4711;

    private static readonly WireFormats s_formats = CreateFormats();

    /// <summary>Initializes the serializer; Akka makes one per actor system.</summary>
    /// <param name="system">The actor system.</param>
    public WorldMessageSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <summary>Gets <see cref="SerializerIdentifier"/>.</summary>
    public override int Identifier => SerializerIdentifier;

    /// <summary>Gets the message types this serializer writes, to bind it to.</summary>
    internal static IReadOnlyList<Type> MessageTypes => s_formats.Types;

    /// <summary>Gets the manifest of a message.</summary>
    /// <param name="o">The message.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="ArgumentException">The message is not a world message.</exception>
    public override string Manifest(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return s_formats.Of(o).Manifest;
    }

    /// <summary>Writes a message.</summary>
    /// <param name="obj">The message.</param>
    /// <returns>Its bytes.</returns>
    /// <exception cref="ArgumentException">The message is not a world message, or it is an <see cref="IdempotentInput"/> of something other than the four inputs.</exception>
    public override byte[] ToBinary(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        WireFormat format = s_formats.Of(obj);
        var bytes = new byte[format.SizeOf(obj)];
        var writer = new WireWriter(bytes);
        format.Write(ref writer, obj);
        writer.AssertFull();
        return bytes;
    }

    /// <summary>Reads a message.</summary>
    /// <param name="bytes">Its bytes.</param>
    /// <param name="manifest">Its manifest.</param>
    /// <returns>The message.</returns>
    /// <exception cref="SerializationException">The manifest is unknown, or the bytes are not a message of that manifest.</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        WireFormat format = s_formats.Named(manifest);
        var reader = new WireReader(bytes, manifest);
        object message = format.Read(ref reader);
        reader.ReadEnd();
        return message;
    }

    private static WireFormats CreateFormats()
    {
        // The inputs a world takes are formats of their own and the contents of an IdempotentInput,
        // and either is the content of a TracedInput.
        WireFormat[] inputs = [new WorldSpawnFormat(), new WorldCallFormat(), new WorldDespawnFormat(), new WorldSetTickRateFormat()];
        var keyed = new IdempotentInputFormat(new WireFormats(inputs));
        return new WireFormats(
        [
            .. inputs,
            keyed,
            new TracedInputFormat(new WireFormats([.. inputs, keyed])),
            new SingletonFormat<GetWorldStatus>("gs", GetWorldStatus.Instance),
            new SingletonFormat<CheckpointWorld>("cw", CheckpointWorld.Instance),
            new CallResultFormat(),
            new WorldStatusFormat(),
            new WorldCheckpointedFormat(),
            new WorldTickedFormat(),
            new FollowWorldInputsFormat(),
            new SingletonFormat<GetWorldInputWindow>("iw", GetWorldInputWindow.Instance),
            new WorldInputFrameFormat(),
            new SingletonFormat<GetWorldModules>("gm", GetWorldModules.Instance),
            new WorldModulesFormat(),
        ]);
    }
}
