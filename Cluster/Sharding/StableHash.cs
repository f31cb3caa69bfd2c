using System.Text;

namespace WasGo.Cluster;

/// <summary>
/// A hash of a string that is the same in every process, on every machine and in every .NET
/// version (FNV-1a over UTF-8), unlike <see cref="string.GetHashCode()"/>, which is randomized per
/// process: every node must map an entity to the same shard.
/// </summary>
internal static class StableHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static uint Of(string value)
    {
        Span<byte> buffer = value.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(value.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
        int length = Encoding.UTF8.GetBytes(value, buffer);
        uint hash = OffsetBasis;
        foreach (byte b in buffer[..length])
        {
            hash = unchecked((hash ^ b) * Prime);
        }

        return hash;
    }
}
