namespace WasGo.Actors;

/// <summary>
/// Stops the actor that receives it, after the messages queued before it have been processed.
/// </summary>
public sealed class PoisonPill
{
    private PoisonPill()
    {
    }

    /// <summary>Gets the one instance.</summary>
    public static PoisonPill Instance { get; } = new();
}
