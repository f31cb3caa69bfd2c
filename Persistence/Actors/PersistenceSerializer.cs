using System.Text.Json;

namespace WasGo.Persistence;

/// <summary>
/// Turns events, states and snapshots into bytes and back, by type, with a manifest naming each
/// type in storage. Every persisted type is registered explicitly, so that renaming a class never
/// silently breaks what is stored.
/// </summary>
/// <remarks>Register everything before actors use it; reading is then thread-safe.</remarks>
public sealed class PersistenceSerializer
{
    private readonly Dictionary<Type, Codec> _byType = [];
    private readonly Dictionary<string, Codec> _byManifest = new(StringComparer.Ordinal);

    /// <summary>Registers a type with its own codec.</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="manifest">Its name in storage; never change it once data is stored.</param>
    /// <param name="serialize">Makes the bytes.</param>
    /// <param name="deserialize">Reads them back.</param>
    /// <returns>This serializer.</returns>
    /// <exception cref="InvalidOperationException">The type or the manifest is registered already.</exception>
    public PersistenceSerializer Register<T>(string manifest, Func<T, byte[]> serialize, Func<ReadOnlyMemory<byte>, T> deserialize)
        where T : notnull
    {
        ArgumentException.ThrowIfNullOrEmpty(manifest);
        ArgumentNullException.ThrowIfNull(serialize);
        ArgumentNullException.ThrowIfNull(deserialize);
        if (_byType.ContainsKey(typeof(T)) || _byManifest.ContainsKey(manifest))
        {
            throw new InvalidOperationException($"{typeof(T).Name} or the manifest '{manifest}' is registered already; each type has one manifest and each manifest one type.");
        }

        var codec = new Codec(manifest, value => serialize((T)value), bytes => deserialize(bytes));
        _byType.Add(typeof(T), codec);
        _byManifest.Add(manifest, codec);
        return this;
    }

    /// <summary>Registers a type stored as JSON (System.Text.Json).</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="manifest">Its name in storage; never change it once data is stored.</param>
    /// <param name="options">The JSON options, or <see langword="null"/> for the defaults.</param>
    /// <returns>This serializer.</returns>
    /// <exception cref="InvalidOperationException">The type or the manifest is registered already.</exception>
    public PersistenceSerializer RegisterJson<T>(string manifest, JsonSerializerOptions? options = null)
        where T : notnull =>
        Register<T>(
            manifest,
            value => JsonSerializer.SerializeToUtf8Bytes(value, options),
            bytes => JsonSerializer.Deserialize<T>(bytes.Span, options) ?? throw new InvalidOperationException($"Stored JSON of manifest '{manifest}' is null."));

    internal (byte[] Bytes, string Manifest) Serialize(object value)
    {
        if (!_byType.TryGetValue(value.GetType(), out Codec? codec))
        {
            throw new InvalidOperationException($"{value.GetType().FullName} is not registered with the PersistenceSerializer; register it (Register or RegisterJson) before persisting it.");
        }

        return (codec.Serialize(value), codec.Manifest);
    }

    internal object Deserialize(ReadOnlyMemory<byte> bytes, string manifest) =>
        _byManifest.TryGetValue(manifest, out Codec? codec)
            ? codec.Deserialize(bytes)
            : throw new InvalidOperationException($"Stored data has the manifest '{manifest}', which is not registered with the PersistenceSerializer; register the type that was stored under it.");

    private sealed record Codec(string Manifest, Func<object, byte[]> Serialize, Func<ReadOnlyMemory<byte>, object> Deserialize);
}
