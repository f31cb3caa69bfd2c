using System.Threading.Channels;
using WasGo.Actors.Worlds;
using WasGo.Host.Http.Json;
using WasGo.Scripting;

namespace WasGo.Host.Worlds;

/// <summary>
/// What the clients of one world see: a snapshot when they join, then one update per read of the
/// world's status (by <see cref="WorldFeedPump"/>, at the feed rate while anyone listens) with the
/// rows that changed, and the signals (from <see cref="WorldTicked"/>, as they happen). Each
/// message is serialized once for every subscriber; one that falls more than the buffer behind is
/// dropped (<see cref="FeedSubscription.DroppedBehind"/>) rather than slowing the others or the world.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class WorldFeed(string worldId, int buffer)
{
    private const int RecentSignalCount = 100;
    private readonly Lock _syncObj = new();
    private readonly List<FeedSubscription> _subscribers = [];
    private readonly Queue<FeedSignal> _recentSignals = new();
    private WorldStatus? _last;

    public int SubscriberCount
    {
        get
        {
            lock (_syncObj)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>Gets the most recent signals, oldest first.</summary>
    public IReadOnlyList<FeedSignal> RecentSignals()
    {
        lock (_syncObj)
        {
            return [.. _recentSignals];
        }
    }

    /// <summary>Joins the feed: brings it up to <paramref name="current"/> (telling the others what changed), then gives the newcomer a snapshot.</summary>
    public FeedSubscription Subscribe(WorldStatus current)
    {
        var subscription = new FeedSubscription(this, Channel.CreateBounded<byte[]>(new BoundedChannelOptions(buffer) { SingleReader = true }));
        List<FeedSubscription>? dropped = null;
        lock (_syncObj)
        {
            // Under the lock, so no change can fall between the snapshot and the first update.
            PublishLocked(current, ref dropped);
            WorldStatus last = _last!;
            subscription.Writer.TryWrite(ApiJson.Serialize(new FeedSnapshot(worldId, last.Tick, last.Digest, last.Entities, [.. _recentSignals])));
            _subscribers.Add(subscription);
        }

        Drop(dropped);
        return subscription;
    }

    /// <summary>Sends what changed since the last status seen; an older status than that is ignored.</summary>
    public void Publish(WorldStatus status)
    {
        List<FeedSubscription>? dropped = null;
        lock (_syncObj)
        {
            PublishLocked(status, ref dropped);
        }

        Drop(dropped);
    }

    /// <summary>Sends the signals of a tick and keeps them for late joiners.</summary>
    public void Publish(WorldTicked ticked)
    {
        if (ticked.Signals.Count == 0)
        {
            return;
        }

        List<FeedSubscription>? dropped = null;
        lock (_syncObj)
        {
            foreach (EntitySignal signal in ticked.Signals)
            {
                var message = new FeedSignal(ticked.Tick, signal.EntityId, signal.Signal, signal.Arguments);
                if (_recentSignals.Count == RecentSignalCount)
                {
                    _recentSignals.Dequeue();
                }

                _recentSignals.Enqueue(message);
                SendLocked(ApiJson.Serialize(message), ref dropped);
            }
        }

        Drop(dropped);
    }

    internal void Leave(FeedSubscription subscription)
    {
        lock (_syncObj)
        {
            _subscribers.Remove(subscription);
        }

        subscription.Writer.TryComplete();
    }

    private void PublishLocked(WorldStatus status, ref List<FeedSubscription>? dropped)
    {
        WorldStatus? last = _last;
        if (last is not null && status.Tick < last.Tick)
        {
            return;
        }

        _last = status;
        if (last is null || _subscribers.Count == 0)
        {
            return;
        }

        var changed = new Dictionary<string, IReadOnlyDictionary<string, ScriptValue>>(StringComparer.Ordinal);
        foreach ((string id, IReadOnlyDictionary<string, ScriptValue> columns) in status.Entities)
        {
            if (!last.Entities.TryGetValue(id, out IReadOnlyDictionary<string, ScriptValue>? before) || !SameRow(before, columns))
            {
                changed[id] = columns;
            }
        }

        string[] removed = [.. last.Entities.Keys.Where(id => !status.Entities.ContainsKey(id))];
        if (status.Tick != last.Tick || changed.Count > 0 || removed.Length > 0)
        {
            SendLocked(ApiJson.Serialize(new FeedUpdate(status.Tick, status.Digest, changed, removed)), ref dropped);
        }
    }

    /// <summary>Queues a message for every subscriber; one whose queue is full leaves the feed, and is told so after the lock (<see cref="Drop"/>).</summary>
    private void SendLocked(byte[] message, ref List<FeedSubscription>? dropped)
    {
        for (int i = _subscribers.Count - 1; i >= 0; i--)
        {
            FeedSubscription subscriber = _subscribers[i];
            if (!subscriber.Writer.TryWrite(message))
            {
                // Out of the list at once: the others go on, and this one gets nothing more.
                _subscribers.RemoveAt(i);
                (dropped ??= []).Add(subscriber);
            }
        }
    }

    /// <summary>Tells the subscribers that fell behind, outside the lock: it completes their queues and runs their callbacks.</summary>
    private void Drop(List<FeedSubscription>? dropped)
    {
        foreach (FeedSubscription subscriber in dropped ?? [])
        {
            // Its queue held the buffer's worth of messages, and one more did not fit.
            subscriber.Drop(buffer + 1);
        }
    }

    private static bool SameRow(IReadOnlyDictionary<string, ScriptValue> a, IReadOnlyDictionary<string, ScriptValue> b) =>
        a.Count == b.Count && a.All(column => b.TryGetValue(column.Key, out ScriptValue other) && other == column.Value);
}
