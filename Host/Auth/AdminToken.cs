using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WasGo.Host.Hosting;

namespace WasGo.Host.Auth;

/// <summary>
/// The admin token: the configured one, or one generated on first start and kept in the data folder
/// (mode 600), so that a dev host's CLI on the same machine finds it without being told.
/// </summary>
internal sealed class AdminToken(IOptions<AuthOptions> auth, IOptions<StorageOptions> storage)
{
    private readonly Lazy<string> _token = new(() => Load(auth.Value, storage.Value));
    private byte[]? _hash;

    /// <summary>Gets the token.</summary>
    public string Value => _token.Value;

    /// <summary>Whether a request's token is this one, compared in constant time.</summary>
    public bool Matches(string token) => TokenHash.Matches(token, _hash ??= TokenHash.Of(Value)); // a race computes the same hash twice

    /// <summary>Gets the file it is kept in, or null when it is configured.</summary>
    public string? FilePath => string.IsNullOrEmpty(auth.Value.AdminToken) ? PathIn(storage.Value.DataPath) : null;

    /// <summary>The token file of a data folder.</summary>
    public static string PathIn(string dataPath) => Path.GetFullPath(Path.Combine(dataPath, AuthOptions.AdminTokenFile));

    /// <summary>Makes a token: 32 random bytes, base64url.</summary>
    public static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Load(AuthOptions auth, StorageOptions storage)
    {
        if (!string.IsNullOrEmpty(auth.AdminToken))
        {
            return auth.AdminToken;
        }

        string path = PathIn(storage.DataPath);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string token = Generate();
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(path, create))
        using (var writer = new StreamWriter(file))
        {
            writer.WriteLine(token);
        }

        return token;
    }
}
