namespace WasGo.Actors;

/// <summary>
/// Marks a message type whose arrival does not reset the receiver's receive timeout
/// (ticks and polls that should not keep an idle actor alive).
/// </summary>
public interface INotInfluenceReceiveTimeout
{
}
