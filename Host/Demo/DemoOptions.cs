namespace WasGo.Host.Demo;

/// <summary>The demo world (<c>WasGo:Demo</c>).</summary>
internal sealed class DemoOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "WasGo:Demo";

    /// <summary>Gets or sets whether a host with an empty database starts the demo world. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the demo world's id. Default <c>demo</c>.</summary>
    public string WorldId { get; set; } = "demo";
}
