using System.Globalization;

namespace WasGo.Scripting;

/// <summary>The settings of a world: its rate, and the budgets that keep one hostile entity from slowing it or its host (see <c>Sdk/ABI.md</c>).</summary>
public sealed class WorldOptions
{
    /// <summary>The lowest tick rate a world may run at: one tick in ten seconds.</summary>
    public const double MinTickRate = 0.1;

    /// <summary>The highest tick rate a world may run at.</summary>
    public const double MaxTickRate = 1000;

    /// <summary>The tick rate of a world given none.</summary>
    public const double DefaultTickRate = 20;

    /// <summary>Gets or sets the world's id.</summary>
    public string WorldId { get; set; } = "world";

    /// <summary>Gets or sets how many ticks a second the world runs, from <see cref="MinTickRate"/> to <see cref="MaxTickRate"/>. Default 20.</summary>
    public double TickRate { get; set; } = DefaultTickRate;

    /// <summary>Gets or sets the seed of every entity's random generator (mixed with its id).</summary>
    public ulong RandomSeed { get; set; } = 0x5741_5347_4F00_0001;

    /// <summary>Gets or sets the most entity-to-entity messages one tick delivers; the rest wait for the next tick. Default 10,000.</summary>
    public int MaxMessagesPerTick { get; set; } = 10_000;

    /// <summary>Gets or sets the most messages one entity receives in one tick; the rest wait, in order, for the next ticks. Default 256.</summary>
    public int MaxMessagesPerEntityPerTick { get; set; } = 256;

    /// <summary>Gets or sets the most messages waiting for delivery in the world; a <c>send</c> or <c>call</c> past it returns -4. Default 10,000.</summary>
    public int MaxPendingMessages { get; set; } = 10_000;

    /// <summary>Gets or sets the most undelivered messages one entity may have sent; a <c>send</c> or <c>call</c> past it returns -4. Default 1,000.</summary>
    public int MaxPendingMessagesPerEntity { get; set; } = 1_000;

    /// <summary>Gets or sets the most timers one entity may have running; a <c>timer_start</c> of a new one past it returns -4. Default 256.</summary>
    public int MaxTimersPerEntity { get; set; } = 256;

    /// <summary>Gets or sets the most signal bytes (names and values) the world's entities may emit in one tick; an <c>emit</c> past it returns -4. Default 256 KiB.</summary>
    public int MaxSignalBytesPerTick { get; set; } = 256 * 1024;

    /// <summary>Gets or sets the most signal bytes one entity may emit in one tick; an <c>emit</c> past it returns -4. Default 128 KiB.</summary>
    public int MaxSignalBytesPerEntityPerTick { get; set; } = 128 * 1024;

    /// <summary>Gets or sets the most bytes one call or notification may move through host calls (values read and written); past it the call stops with <c>limit_exceeded</c>. Default 16 MiB.</summary>
    public long MaxHostBytesPerCall { get; set; } = EntityOptions.DefaultMaxHostBytesPerCall;

    /// <summary>Gets or sets the fuel one call or notification may consume before it is stopped with <c>out_of_fuel</c> (deterministic). Default 10,000,000 (about ten million instructions).</summary>
    public long FuelPerCall { get; set; } = EntityOptions.DefaultFuelPerCall;

    /// <summary>
    /// Gets or sets how long one call or notification may run before it is stopped with
    /// <c>timed_out</c>: a backstop behind fuel. The wall clock is not deterministic, so each such
    /// stop is recorded in the world's journal and a replay repeats it instead of deciding again.
    /// Default 1 second.
    /// </summary>
    public TimeSpan CallTimeLimit { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets how far ahead of its clock a world records its tick, so that after a crash it
    /// resumes at or after every tick it had shown (never earlier). Default 1 second.
    /// </summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Says whether a tick rate is one a world may run at.</summary>
    /// <param name="tickRate">Ticks a second.</param>
    /// <returns>Whether it is from <see cref="MinTickRate"/> to <see cref="MaxTickRate"/>.</returns>
    public static bool IsAllowedTickRate(double tickRate) => tickRate is >= MinTickRate and <= MaxTickRate;

    /// <summary>Says what is wrong with a tick rate, naming the field <c>tickRate</c> and the range, or null if nothing is.</summary>
    /// <param name="tickRate">Ticks a second.</param>
    /// <returns>The problem, or <see langword="null"/>.</returns>
    public static string? TickRateProblem(double tickRate) =>
        IsAllowedTickRate(tickRate)
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"The tick rate {tickRate:R} is not allowed: 'tickRate' must be at least {MinTickRate} and at most {MaxTickRate} ticks a second.");
}
