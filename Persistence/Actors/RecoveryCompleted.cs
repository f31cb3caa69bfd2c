namespace WasGo.Persistence;

/// <summary>Given to an actor's recovery handlers after the last stored event or state: it is now live.</summary>
public sealed class RecoveryCompleted
{
    private RecoveryCompleted()
    {
    }

    /// <summary>Gets the one instance.</summary>
    public static RecoveryCompleted Instance { get; } = new();
}
