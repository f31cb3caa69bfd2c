namespace WasGo.Scripting;

/// <summary>How the entities of one world run: what a <see cref="World"/> gives each of its entities from its <see cref="WorldOptions"/>.</summary>
internal sealed class EntityOptions
{
    /// <summary>Gets or sets the world the entities belong to.</summary>
    public string WorldId { get; set; } = "default";

    /// <summary>Gets or sets the seed of every entity's random generator (mixed with its id).</summary>
    public ulong RandomSeed { get; set; } = 0x5741_5347_4F00_0001;

    /// <summary>The default fuel of one call: about ten million instructions.</summary>
    public const long DefaultFuelPerCall = 10_000_000;

    /// <summary>
    /// Gets or sets the fuel one call or notification may consume (one unit per instruction) before
    /// it is stopped with <c>out_of_fuel</c>: the same on every machine, unlike the time limit.
    /// Default <see cref="DefaultFuelPerCall"/>.
    /// </summary>
    public long FuelPerCall { get; set; } = DefaultFuelPerCall;

    /// <summary>Gets or sets the most bytes one call or notification may move through host calls; past it the call stops with <c>limit_exceeded</c>. Default 16 MiB.</summary>
    public long MaxHostBytesPerCall { get; set; } = DefaultMaxHostBytesPerCall;

    /// <summary>The default of <see cref="MaxHostBytesPerCall"/>: 16 MiB, sixteen whole rows.</summary>
    public const long DefaultMaxHostBytesPerCall = 16L * 1024 * 1024;

    /// <summary>Gets or sets how long one call or notification may run before it is stopped (<c>timed_out</c>). Default 1 second.</summary>
    public TimeSpan CallTimeLimit { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the world's clock that <c>time()</c> reads; by default zero.</summary>
    public Func<double> WorldTime { get; set; } = static () => 0.0;
}
