namespace WasGo.Host.Auth;

/// <summary>Bearer tokens of the API (<c>WasGo:Auth</c>).</summary>
internal sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "WasGo:Auth";

    /// <summary>The file in the data folder that keeps a generated admin token.</summary>
    public const string AdminTokenFile = "admin.token";

    /// <summary>
    /// Gets or sets the admin token (deploys modules, creates worlds, and may do anything a world
    /// token may). Empty: the host generates one on first start and keeps it in
    /// <see cref="AdminTokenFile"/> in the data folder, readable by its owner only.
    /// </summary>
    public string? AdminToken { get; set; }

    /// <inheritdoc />
    public override string ToString() => "AuthOptions { AdminToken = [redacted] }";
}
