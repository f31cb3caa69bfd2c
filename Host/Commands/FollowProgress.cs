using System.Globalization;
using WasGo.Client;

namespace WasGo.Host.Commands;

/// <summary>
/// What <c>wasgo world follow</c> prints while it follows: a status line about once a second (a
/// fast world checks a thousand ticks a second, too many to print each), one at once when the feed
/// resumed, and a summary at the end.
/// </summary>
internal sealed class FollowProgress(string worldId)
{
    private const long IntervalMilliseconds = 1000;
    private long _printedAt = long.MinValue / 2; // the first tick is printed at once
    private bool _resumed;
    private FollowedTick? _last;

    /// <summary>Gets how many ticks were checked.</summary>
    public long Count { get; private set; }

    /// <summary>Counts a tick whose digest agreed, and prints a status line if one is due.</summary>
    public void Agreed(FollowedTick tick)
    {
        Count++;
        _last = tick;
        _resumed |= tick.Resumed;
        long now = Environment.TickCount64;
        if (now - _printedAt < IntervalMilliseconds && !tick.Resumed)
        {
            return;
        }

        _printedAt = now;
        // A frame of a tick the client already had carries no digest of its own.
        string digest = tick.Digest.Length >= 12 ? $" (digest {tick.Digest[..12]}…)" : string.Empty;
        string resumed = _resumed ? "; the feed resumed and the client's world carried on" : string.Empty;
        CliOutput.Line(string.Create(CultureInfo.InvariantCulture, $"tick {tick.Tick}: digests agree{digest}, lag {tick.Lag} ticks, {Count} checked{resumed}"));
        _resumed = false;
    }

    /// <summary>Prints what was checked, when following ends without a disagreement.</summary>
    public void Summary() =>
        CliOutput.Success(_last is null
            ? $"stopped following world {worldId} before its first tick"
            : string.Create(CultureInfo.InvariantCulture, $"followed world {worldId} for {Count} ticks, to tick {_last.Tick}: every digest agreed with the host's"));
}
