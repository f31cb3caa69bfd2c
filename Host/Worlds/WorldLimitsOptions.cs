using System.Globalization;
using WasGo.Host.Hosting;
using WasGo.Scripting;

namespace WasGo.Host.Worlds;

/// <summary>
/// The budgets every world of this host runs under (<c>WasGo:Worlds</c>): what one call or
/// notification of a script may use, and what one tick of a world may deliver and emit. Each
/// world's <see cref="WorldOptions"/> gets them; the defaults are <see cref="WorldOptions"/>'s own.
/// </summary>
internal sealed class WorldLimitsOptions : ISelfValidatingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "WasGo:Worlds";

    /// <summary>The least fuel a call may be given.</summary>
    public const long MinFuelPerCall = 10_000;

    /// <summary>The most fuel a call may be given.</summary>
    public const long MaxFuelPerCall = 1_000_000_000_000;

    /// <summary>The most of any per-tick message budget.</summary>
    public const int MaxMessageBudget = 1_000_000;

    /// <summary>The most of any pending-message budget.</summary>
    public const int MaxPendingBudget = 10_000_000;

    /// <summary>The least of a signal-bytes budget.</summary>
    public const int MinSignalBytes = 1024;

    /// <summary>The most of a signal-bytes budget: 256 MiB.</summary>
    public const int MaxSignalBytes = 256 * 1024 * 1024;

    /// <summary>The least host-call bytes a call may be given: one whole state row.</summary>
    public const long MinHostBytesPerCall = AbiLimits.MaxRowBytes;

    /// <summary>The most host-call bytes a call may be given: 1 GiB.</summary>
    public const long MaxHostBytesPerCallLimit = 1024L * 1024 * 1024;

    /// <summary>The shortest call time limit.</summary>
    public static readonly TimeSpan MinCallTimeLimit = TimeSpan.FromMilliseconds(1);

    /// <summary>The longest call time limit.</summary>
    public static readonly TimeSpan MaxCallTimeLimit = TimeSpan.FromMinutes(5);

    /// <summary>The shortest progress interval.</summary>
    public static readonly TimeSpan MinProgressInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest progress interval.</summary>
    public static readonly TimeSpan MaxProgressInterval = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets the fuel (instructions) one call or notification may use before it stops with <c>out_of_fuel</c>. Default 10 million.</summary>
    public long FuelPerCall { get; set; } = Defaults.FuelPerCall;

    /// <summary>Gets or sets how long one call or notification may run before it stops with <c>timed_out</c>. Default 1 second.</summary>
    public TimeSpan CallTimeLimit { get; set; } = Defaults.CallTimeLimit;

    /// <summary>Gets or sets the most entity-to-entity messages one tick delivers. Default 10,000.</summary>
    public int MaxMessagesPerTick { get; set; } = Defaults.MaxMessagesPerTick;

    /// <summary>Gets or sets the most messages one entity receives in one tick. Default 256.</summary>
    public int MaxMessagesPerEntityPerTick { get; set; } = Defaults.MaxMessagesPerEntityPerTick;

    /// <summary>Gets or sets the most messages waiting for delivery in a world. Default 10,000.</summary>
    public int MaxPendingMessages { get; set; } = Defaults.MaxPendingMessages;

    /// <summary>Gets or sets the most undelivered messages one entity may have sent. Default 1,000.</summary>
    public int MaxPendingMessagesPerEntity { get; set; } = Defaults.MaxPendingMessagesPerEntity;

    /// <summary>Gets or sets the most timers one entity may have running. Default 256.</summary>
    public int MaxTimersPerEntity { get; set; } = Defaults.MaxTimersPerEntity;

    /// <summary>Gets or sets the most signal bytes a world's entities may emit in one tick. Default 256 KiB.</summary>
    public int MaxSignalBytesPerTick { get; set; } = Defaults.MaxSignalBytesPerTick;

    /// <summary>Gets or sets the most signal bytes one entity may emit in one tick. Default 128 KiB.</summary>
    public int MaxSignalBytesPerEntityPerTick { get; set; } = Defaults.MaxSignalBytesPerEntityPerTick;

    /// <summary>Gets or sets the most bytes one call or notification may move through host calls before it stops with <c>limit_exceeded</c>. Default 16 MiB.</summary>
    public long MaxHostBytesPerCall { get; set; } = Defaults.MaxHostBytesPerCall;

    /// <summary>Gets or sets how far ahead of its clock a world records its tick. Default 1 second.</summary>
    public TimeSpan ProgressInterval { get; set; } = Defaults.ProgressInterval;

    private static WorldOptions Defaults => new();

    /// <summary>Makes the options of one world: its id and tick rate, and these budgets.</summary>
    public WorldOptions ForWorld(string worldId, double tickRate) => new()
    {
        WorldId = worldId,
        TickRate = tickRate,
        FuelPerCall = FuelPerCall,
        CallTimeLimit = CallTimeLimit,
        MaxMessagesPerTick = MaxMessagesPerTick,
        MaxMessagesPerEntityPerTick = MaxMessagesPerEntityPerTick,
        MaxPendingMessages = MaxPendingMessages,
        MaxPendingMessagesPerEntity = MaxPendingMessagesPerEntity,
        MaxTimersPerEntity = MaxTimersPerEntity,
        MaxSignalBytesPerTick = MaxSignalBytesPerTick,
        MaxSignalBytesPerEntityPerTick = MaxSignalBytesPerEntityPerTick,
        MaxHostBytesPerCall = MaxHostBytesPerCall,
        ProgressInterval = ProgressInterval,
    };

    /// <summary>Lists what is out of range, naming the setting, its value and what is allowed.</summary>
    public IEnumerable<string> Validate() =>
        new[]
        {
            Check(nameof(FuelPerCall), FuelPerCall, MinFuelPerCall, MaxFuelPerCall),
            Check(nameof(CallTimeLimit), CallTimeLimit, MinCallTimeLimit, MaxCallTimeLimit),
            Check(nameof(MaxMessagesPerTick), MaxMessagesPerTick, 1, MaxMessageBudget),
            Check(nameof(MaxMessagesPerEntityPerTick), MaxMessagesPerEntityPerTick, 1, MaxMessageBudget),
            Check(nameof(MaxPendingMessages), MaxPendingMessages, 1, MaxPendingBudget),
            Check(nameof(MaxPendingMessagesPerEntity), MaxPendingMessagesPerEntity, 1, MaxPendingBudget),
            Check(nameof(MaxTimersPerEntity), MaxTimersPerEntity, 1, MaxPendingBudget),
            Check(nameof(MaxSignalBytesPerTick), MaxSignalBytesPerTick, MinSignalBytes, MaxSignalBytes),
            Check(nameof(MaxSignalBytesPerEntityPerTick), MaxSignalBytesPerEntityPerTick, MinSignalBytes, MaxSignalBytes),
            Check(nameof(MaxHostBytesPerCall), MaxHostBytesPerCall, MinHostBytesPerCall, MaxHostBytesPerCallLimit),
            Check(nameof(ProgressInterval), ProgressInterval, MinProgressInterval, MaxProgressInterval),
        }.OfType<string>();

    private static string? Check(string setting, long value, long min, long max) =>
        value >= min && value <= max
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{Section}:{setting} is {value}; it must be between {min} and {max}.");

    private static string? Check(string setting, TimeSpan value, TimeSpan min, TimeSpan max) =>
        value >= min && value <= max
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{Section}:{setting} is {value}; it must be between {min} and {max}.");
}
