namespace WasGo.Host.Metrics;

/// <summary>The rates of one second, as the dashboard charts them.</summary>
/// <param name="At">The end of the second.</param>
/// <param name="Messages">Method calls delivered to scripts a second.</param>
/// <param name="Notifications">Notifications delivered a second.</param>
/// <param name="Fuel">Fuel used a second.</param>
/// <param name="Traps">Traps a second.</param>
/// <param name="Activations">Activations a second.</param>
internal sealed record RateSample(DateTimeOffset At, double Messages, double Notifications, double Fuel, double Traps, double Activations);
