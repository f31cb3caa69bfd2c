using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using FluentAssertions;
using FluentAssertions.Equivalency;
using WasGo.Actors.Serialization;
using WasGo.Actors.Worlds;
using WasGo.Scripting;
using Xunit.Abstractions;

namespace WasGo.Actors.Tests.Serialization;

/// <summary>Akka's test kit with the world's serializers bound as the host binds them, and a round trip through whichever serializer Akka picks.</summary>
public abstract class SerializerTestKit(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(BootstrapSetup.Create().And(WorldSerializerBindings.CreateSetup()), nameof(SerializerTestKit), output)
{
    /// <summary>Records by their members (their own Equals compares lists by reference), and what an <c>object</c> holds by its runtime type.</summary>
    protected static EquivalencyAssertionOptions<T> ByMembers<T>(EquivalencyAssertionOptions<T> options) =>
        options.ComparingRecordsByMembers().RespectingRuntimeTypes();

    /// <summary>Writes a message with the serializer Akka finds for it, and reads it back through Akka by that serializer's identifier and the manifest.</summary>
    protected T RoundTrip<T>(T message, int expectedSerializer)
        where T : notnull
    {
        Serializer serializer = Sys.Serialization.FindSerializerFor(message);
        serializer.Identifier.Should().Be(expectedSerializer, "a {0} must not fall back to Akka's default JSON", message.GetType().Name);

        byte[] bytes = serializer.ToBinary(message);
        object back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));

        back.Should().BeOfType(message.GetType());
        return (T)back;
    }

    /// <summary>Checks that Akka picks <typeparamref name="TSerializer"/> for a message, that its manifest is <paramref name="manifest"/>, and that it comes back with the same contents.</summary>
    protected void ShouldRoundTripUnder<TSerializer>(object message, string manifest)
        where TSerializer : SerializerWithStringManifest
    {
        TSerializer serializer = Sys.Serialization.FindSerializerFor(message).Should().BeOfType<TSerializer>().Subject;
        serializer.Manifest(message).Should().Be(manifest);

        RoundTrip(message, serializer.Identifier).Should().BeEquivalentTo(message, ByMembers);
    }

    /// <summary>Checks that every shorter prefix of a message's bytes (but <paramref name="validPrefix"/>, if the format has one) is refused with a <see cref="SerializationException"/> that names the manifest and the length.</summary>
    protected static void EveryTruncationShouldBeRefused(SerializerWithStringManifest serializer, byte[] bytes, string manifest, int? validPrefix = null)
    {
        for (int length = 0; length < bytes.Length; length++)
        {
            if (length == validPrefix)
            {
                continue;
            }

            byte[] truncated = bytes[..length];
            Action read = () => serializer.FromBinary(truncated, manifest);

            read.Should().Throw<SerializationException>("{0} of the {1} bytes of a '{2}' are not one", length, bytes.Length, manifest)
                .WithMessage($"*'{manifest}' of {length} bytes*");
        }
    }

    /// <summary>Gets the serializer Akka binds to the world's messages.</summary>
    protected WorldMessageSerializer MessageSerializer => (WorldMessageSerializer)Sys.Serialization.FindSerializerForType(typeof(WorldCall));

    /// <summary>Gets the serializer Akka binds to the world's journal events.</summary>
    protected WorldEventSerializer EventSerializer => (WorldEventSerializer)Sys.Serialization.FindSerializerForType(typeof(RecordedTick));
}
