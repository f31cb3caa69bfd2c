using System.Security.Cryptography;
using System.Text;

namespace WasGo.Host.Auth;

/// <summary>Tokens are kept and compared as SHA-256 hashes: a leaked world list leaks no token, and comparison takes constant time.</summary>
internal static class TokenHash
{
    public static byte[] Of(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static bool Matches(string token, byte[] hash) => CryptographicOperations.FixedTimeEquals(Of(token), hash);
}
