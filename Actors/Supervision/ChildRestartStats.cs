namespace WasGo.Actors;

/// <summary>How often a child was restarted, within the strategy's time window.</summary>
/// <remarks>Read and written only by the supervisor's own turn.</remarks>
internal sealed class ChildRestartStats
{
    private int _restartCount;
    private long _windowStart;

    /// <summary>Counts one more restart and says whether the strategy's limit still allows it.</summary>
    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan withinTimeRange, TimeProvider clock)
    {
        if (maxNrOfRetries == 0)
        {
            return false;
        }

        bool windowed = withinTimeRange != Timeout.InfiniteTimeSpan;
        if (maxNrOfRetries < 0 && !windowed)
        {
            return true;
        }

        if (!windowed)
        {
            _restartCount++;
            return _restartCount <= maxNrOfRetries;
        }

        long now = clock.GetTimestamp();
        if (_restartCount == 0 || clock.GetElapsedTime(_windowStart, now) > withinTimeRange)
        {
            _windowStart = now;
            _restartCount = 1;
            return true;
        }

        _restartCount++;
        return maxNrOfRetries < 0 || _restartCount <= maxNrOfRetries;
    }
}
