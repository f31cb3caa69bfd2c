namespace WasGo.Actors.TestKit;

/// <summary>The timing settings of a test kit: default waits, and a factor that stretches them on slow machines.</summary>
public sealed record TestKitSettings
{
    /// <summary>The environment variable that sets <see cref="TimeFactor"/> (for example 3 on a loaded CI machine).</summary>
    public const string TimeFactorVariable = "WASGO_TESTKIT_TIMEFACTOR";

    /// <summary>Gets how much every wait is stretched. Default 1, or the value of <see cref="TimeFactorVariable"/>.</summary>
    public double TimeFactor { get; init; } = ReadTimeFactor();

    /// <summary>Gets how long an expectation waits when no timeout is given, before dilation. Default 3 seconds.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Gets how long <c>ExpectNoMsgAsync</c> listens when no duration is given, before dilation. Default 100 ms.</summary>
    public TimeSpan DefaultNoMessageDuration { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Stretches <paramref name="duration"/> by <see cref="TimeFactor"/>.</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The stretched duration; infinite stays infinite.</returns>
    public TimeSpan Dilated(TimeSpan duration) =>
        duration == Timeout.InfiniteTimeSpan ? duration : TimeSpan.FromTicks((long)(duration.Ticks * TimeFactor));

    private static double ReadTimeFactor()
    {
        string? text = Environment.GetEnvironmentVariable(TimeFactorVariable);
        if (string.IsNullOrEmpty(text))
        {
            return 1.0;
        }

        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double factor) || factor < 1.0)
        {
            throw new InvalidOperationException($"{TimeFactorVariable} is '{text}'; it must be a number of at least 1.");
        }

        return factor;
    }
}
