namespace WasGo.Actors;

/// <summary>
/// Makes the actor that receives it fail with an <see cref="ActorKilledException"/>, so that its
/// supervisor decides what happens (by default it is stopped).
/// </summary>
public sealed class Kill
{
    private Kill()
    {
    }

    /// <summary>Gets the one instance.</summary>
    public static Kill Instance { get; } = new();
}
