using System.Diagnostics;

namespace WasGo.Actors;

/// <summary>
/// A queue with a capacity. Dropping the oldest message means a producer takes from the consumer's
/// end, so this one is guarded by a lock; it is never held while user code runs.
/// </summary>
[DebuggerDisplay("Count = {_items.Count}, Capacity = {_capacity}")]
internal sealed class BoundedMailboxQueue(int capacity, MailboxOverflowStrategy overflow) : MailboxQueue
{
    private readonly Queue<Envelope> _items = new();
    private readonly int _capacity = capacity;
    private readonly MailboxOverflowStrategy _overflow = overflow;
    private readonly Lock _syncObj = new();

    public override bool HasMessages
    {
        get
        {
            lock (_syncObj)
            {
                return _items.Count > 0;
            }
        }
    }

    public override bool TryEnqueue(in Envelope envelope, out Envelope dropped)
    {
        lock (_syncObj)
        {
            if (_items.Count < _capacity)
            {
                _items.Enqueue(envelope);
                dropped = default;
                return true;
            }

            if (_overflow == MailboxOverflowStrategy.DropNewest)
            {
                dropped = envelope;
                return false;
            }

            dropped = _items.Dequeue();
            _items.Enqueue(envelope);
            return false;
        }
    }

    public override bool TryDequeue(out Envelope envelope)
    {
        lock (_syncObj)
        {
            return _items.TryDequeue(out envelope);
        }
    }
}
