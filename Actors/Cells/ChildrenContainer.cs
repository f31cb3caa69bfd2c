using System.Diagnostics;

namespace WasGo.Actors;

/// <summary>
/// A cell's children: the living ones by name, and those asked to stop that have not yet confirmed.
/// A stopping child gives up its name at once, so that a restarted parent can make a new child of
/// the same name while the old one is still finishing.
/// </summary>
/// <remarks>
/// Guarded by a lock because <see cref="ActorSystem.ActorOf"/> adds top-level actors from any
/// thread; the lock is never held while user code runs.
/// </remarks>
[DebuggerDisplay("Living = {_living.Count}, Stopping = {_stopping.Count}")]
internal sealed class ChildrenContainer
{
    private readonly Lock _syncObj = new();
    private readonly Dictionary<string, ChildEntry> _living = new(StringComparer.Ordinal);
    private readonly HashSet<LocalActorRef> _stopping = new(ReferenceEqualityComparer.Instance);
    private long _nameCounter;

    public bool IsEmpty
    {
        get
        {
            lock (_syncObj)
            {
                return _living.Count == 0 && _stopping.Count == 0;
            }
        }
    }

    public string NextName()
    {
        long n = Interlocked.Increment(ref _nameCounter);
        return "$" + Base36(n);
    }

    public void Add(ChildEntry entry)
    {
        lock (_syncObj)
        {
            if (!_living.TryAdd(entry.Ref.Name, entry))
            {
                throw new InvalidActorNameException($"The actor name '{entry.Ref.Name}' is taken by a living sibling; choose another name or stop that actor first.");
            }
        }
    }

    public ChildEntry? Find(string name)
    {
        lock (_syncObj)
        {
            return _living.GetValueOrDefault(name);
        }
    }

    public ChildEntry? Find(IActorRef child)
    {
        if (child is not LocalActorRef local)
        {
            return null;
        }

        ChildEntry? entry = Find(local.Name);
        return entry is not null && ReferenceEquals(entry.Ref, local) ? entry : null;
    }

    public ChildEntry[] Living()
    {
        lock (_syncObj)
        {
            return [.. _living.Values];
        }
    }

    /// <summary>Moves a living child to the stopping set; returns false if it was not living here.</summary>
    public bool MarkStopping(LocalActorRef child)
    {
        lock (_syncObj)
        {
            if (_living.TryGetValue(child.Name, out ChildEntry? entry) && ReferenceEquals(entry.Ref, child))
            {
                _living.Remove(child.Name);
                _stopping.Add(child);
                return true;
            }

            return false;
        }
    }

    /// <summary>Forgets a child that has stopped; returns false if it was unknown.</summary>
    public bool Remove(LocalActorRef child)
    {
        lock (_syncObj)
        {
            if (_stopping.Remove(child))
            {
                return true;
            }

            if (_living.TryGetValue(child.Name, out ChildEntry? entry) && ReferenceEquals(entry.Ref, child))
            {
                _living.Remove(child.Name);
                return true;
            }

            return false;
        }
    }

    private static string Base36(long value)
    {
        const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        Span<char> buffer = stackalloc char[16];
        int i = buffer.Length;
        do
        {
            buffer[--i] = Digits[(int)(value % 36)];
            value /= 36;
        }
        while (value > 0);
        return new string(buffer[i..]);
    }
}
