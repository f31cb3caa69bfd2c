namespace WasGo.Client;

/// <summary>What became of a call the client predicted, once the host's tick of it came.</summary>
public enum PredictionOutcome
{
    /// <summary>The host applied it at the predicted tick and reached the predicted digest: the predicted world was right.</summary>
    Kept,

    /// <summary>
    /// The host's tick was another (it ordered the call after others, or applied it at another tick):
    /// the predicted world is dropped, and the client's world is the host's inputs replayed.
    /// </summary>
    RolledBack,
}
