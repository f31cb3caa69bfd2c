using WasGo.Host.Hosting;

namespace WasGo.Host.Http;

/// <summary>Limits of the HTTP API (<c>WasGo:Http</c>).</summary>
internal sealed class HttpOptions : ISelfValidatingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "WasGo:Http";

    /// <summary>Gets or sets the largest module upload in bytes; larger ones get 413. Default 8 MiB.</summary>
    public long MaxModuleBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Gets or sets the largest JSON body in bytes; larger ones get 413. Default 1 MiB (a call may carry 64 KiB values in base64).</summary>
    public long MaxJsonBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets how long a call waits for the world to apply it at a tick before it answers 504. Default 10 seconds.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how many times a second each world's feed sends its changed state rows. Default 10.</summary>
    public double FeedRate { get; set; } = 10;

    /// <summary>Gets or sets how many messages may wait for one feed subscriber before it is disconnected as too slow. Default 1024.</summary>
    public int FeedBuffer { get; set; } = 1024;

    /// <summary>Lists what is out of range, naming the setting, its value and what is allowed.</summary>
    public IEnumerable<string> Validate()
    {
        if (MaxModuleBytes < 1024)
        {
            yield return $"{Section}:MaxModuleBytes is {MaxModuleBytes}; it must be at least 1024.";
        }

        if (MaxJsonBytes < 1024)
        {
            yield return $"{Section}:MaxJsonBytes is {MaxJsonBytes}; it must be at least 1024.";
        }

        if (CallTimeout <= TimeSpan.Zero)
        {
            yield return $"{Section}:CallTimeout is {CallTimeout}; it must be positive.";
        }

        if (FeedRate is <= 0 or > 100)
        {
            yield return $"{Section}:FeedRate is {FeedRate}; it must be above 0 and at most 100.";
        }

        if (FeedBuffer < 16)
        {
            yield return $"{Section}:FeedBuffer is {FeedBuffer}; it must be at least 16.";
        }
    }
}
