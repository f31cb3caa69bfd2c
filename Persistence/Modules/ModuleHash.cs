using System.Security.Cryptography;

namespace WasGo.Persistence;

/// <summary>The content address of module bytes.</summary>
public static class ModuleHash
{
    /// <summary>Computes the lower-case hex SHA-256 of <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The module.</param>
    /// <returns>64 hex digits.</returns>
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
