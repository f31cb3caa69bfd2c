using System.Collections.Frozen;
using System.Runtime.Serialization;

namespace WasGo.Actors.Serialization;

/// <summary>A set of formats, found by message type when writing and by manifest when reading.</summary>
/// <remarks>Immutable after construction, so one instance serves every thread.</remarks>
internal sealed class WireFormats
{
    private readonly FrozenDictionary<Type, WireFormat> _byType;
    private readonly FrozenDictionary<string, WireFormat> _byManifest;

    /// <summary>Initializes the set.</summary>
    /// <param name="formats">The formats: one per type, each with a manifest of its own.</param>
    public WireFormats(params WireFormat[] formats)
    {
        _byType = formats.ToFrozenDictionary(static format => format.Type);
        _byManifest = formats.ToFrozenDictionary(static format => format.Manifest, StringComparer.Ordinal);
        Types = [.. formats.Select(static format => format.Type)];
    }

    /// <summary>Gets the message types, in the order the formats were given.</summary>
    public IReadOnlyList<Type> Types { get; }

    /// <summary>Gets the format of a message.</summary>
    /// <param name="message">The message.</param>
    /// <returns>Its format.</returns>
    /// <exception cref="ArgumentException">No format here is for the message's type.</exception>
    public WireFormat Of(object message) =>
        _byType.TryGetValue(message.GetType(), out WireFormat? format)
            ? format
            : throw new ArgumentException($"A {message.GetType().FullName} has no binary form here; only {string.Join(", ", Types.Select(static type => type.Name))} do.", nameof(message));

    /// <summary>Gets the format a manifest names.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <returns>Its format.</returns>
    /// <exception cref="SerializationException">No format here has that manifest.</exception>
    public WireFormat Named(string manifest) =>
        manifest is not null && _byManifest.TryGetValue(manifest, out WireFormat? format)
            ? format
            : throw new SerializationException($"The manifest '{manifest}' names no world message this node knows; it knows {string.Join(", ", _byManifest.Keys.Order(StringComparer.Ordinal).Select(static known => $"'{known}'"))}. Was the message sent by a newer node?");
}
