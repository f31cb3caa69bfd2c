namespace WasGo.Actors;

/// <summary>
/// Sent to an actor that has had no message for the time set with
/// <see cref="IActorContext.SetReceiveTimeout"/>.
/// </summary>
public sealed class ReceiveTimeout : INotInfluenceReceiveTimeout
{
    private ReceiveTimeout()
    {
    }

    /// <summary>Gets the one instance.</summary>
    public static ReceiveTimeout Instance { get; } = new();
}
