using System.Collections.Concurrent;

namespace WasGo.Host.Worlds;

/// <summary>
/// The clients following worlds' input feeds on this node, and what each last said of its
/// agreement: whether its digest was the host's at the tick it reported.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class InputFollowers
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Follower, byte>> _byWorld = new(StringComparer.Ordinal);

    /// <summary>Adds a client of <paramref name="worldId"/>'s feed; disposing the result removes it.</summary>
    public Follower Join(string worldId)
    {
        var follower = new Follower(this, worldId);
        _byWorld.GetOrAdd(worldId, static _ => new()).TryAdd(follower, 0);
        return follower;
    }

    /// <summary>Counts a world's followers, and those whose last report was a disagreement.</summary>
    public (int Following, int Disagreeing) Of(string worldId)
    {
        if (!_byWorld.TryGetValue(worldId, out ConcurrentDictionary<Follower, byte>? followers))
        {
            return (0, 0);
        }

        Follower[] now = [.. followers.Keys];
        return (now.Length, now.Count(static f => f.Agrees == false));
    }

    private void Leave(Follower follower)
    {
        if (_byWorld.TryGetValue(follower.WorldId, out ConcurrentDictionary<Follower, byte>? followers))
        {
            followers.TryRemove(follower, out _);
        }
    }

    /// <summary>One client following one world.</summary>
    internal sealed class Follower(InputFollowers registry, string worldId) : IDisposable
    {
        private int _agrees = -1; // -1 not said yet, 0 no, 1 yes

        public string WorldId { get; } = worldId;

        /// <summary>Gets whether the client agreed at its last report, or null before its first.</summary>
        public bool? Agrees => Volatile.Read(ref _agrees) switch
        {
            0 => false,
            1 => true,
            _ => null,
        };

        /// <summary>Notes what the client said: a disagreement stays until the client leaves.</summary>
        public void Report(bool agrees)
        {
            if (Volatile.Read(ref _agrees) != 0)
            {
                Volatile.Write(ref _agrees, agrees ? 1 : 0);
            }
        }

        public void Dispose() => registry.Leave(this);
    }
}
