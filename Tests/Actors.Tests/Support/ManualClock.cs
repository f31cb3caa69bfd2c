namespace WasGo.Actors.Tests.Support;

/// <summary>
/// A clock whose timestamps move only when the test says so, for restart windows and the dead-letter
/// log window. Timers still run on real time (the base class's), so asks and shutdown keep working.
/// </summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks = TimeSpan.TicksPerDay;
    private int _reads;

    /// <summary>Gets how many times the clock was read: a window on the progress of the code that reads it.</summary>
    public int Reads => Volatile.Read(ref _reads);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        Interlocked.Increment(ref _reads);
        return Interlocked.Read(ref _ticks);
    }

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
