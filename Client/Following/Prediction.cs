using WasGo.Scripting;

namespace WasGo.Client;

/// <summary>
/// A call the client applied at once, in a world of its own built from the client's world: what
/// it shows until the host's tick of that number comes, which keeps it or rolls it back.
/// </summary>
/// <param name="World">The predicted world.</param>
/// <param name="Tick">The tick the call was predicted at.</param>
/// <param name="Digest">The predicted world's digest after that tick.</param>
internal sealed record Prediction(WorldReplica World, long Tick, byte[] Digest) : IDisposable
{
    /// <summary>Decides the prediction on the host's tick of its number.</summary>
    /// <param name="hostDigest">The host's digest after that tick.</param>
    /// <returns>Whether it was right.</returns>
    public PredictionOutcome Resolve(byte[] hostDigest) =>
        Digest.AsSpan().SequenceEqual(hostDigest) ? PredictionOutcome.Kept : PredictionOutcome.RolledBack;

    /// <inheritdoc />
    public void Dispose() => World.Dispose();
}
