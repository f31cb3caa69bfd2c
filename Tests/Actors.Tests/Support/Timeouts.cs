namespace WasGo.Actors.Tests.Support;

/// <summary>Generous waits for things that should happen at once: long enough for a loaded 2-core machine.</summary>
internal static class Timeouts
{
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan Ask = TimeSpan.FromSeconds(5);
}
