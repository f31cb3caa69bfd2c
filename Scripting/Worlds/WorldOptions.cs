namespace WasGo.Scripting;

/// <summary>The settings of a world.</summary>
public sealed class WorldOptions
{
    /// <summary>Gets or sets the world's id.</summary>
    public string WorldId { get; set; } = "world";

    /// <summary>Gets or sets how many ticks a second the world runs. Default 20.</summary>
    public double TickRate { get; set; } = 20;

    /// <summary>Gets or sets the seed of every entity's random generator (mixed with its id).</summary>
    public ulong RandomSeed { get; set; } = 0x5741_5347_4F00_0001;

    /// <summary>Gets or sets the most entity-to-entity messages one tick delivers; the rest wait for the next tick. Default 10,000.</summary>
    public int MaxMessagesPerTick { get; set; } = 10_000;

    /// <summary>Gets or sets the fuel one call or notification may consume before it is stopped (deterministic). Default <see cref="EntityOptions.DefaultFuelPerCall"/>.</summary>
    public long FuelPerCall { get; set; } = EntityOptions.DefaultFuelPerCall;

    /// <summary>Gets or sets how long one call or notification may run before it is stopped (<c>out_of_fuel</c>). Default 1 second.</summary>
    public TimeSpan CallTimeLimit { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how many times a message that traps is retried before it is given up. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;
}
