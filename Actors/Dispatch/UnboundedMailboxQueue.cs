namespace WasGo.Actors;

/// <summary>
/// A lock-free multi-producer single-consumer linked queue (Vyukov's): producers swap the head,
/// the consumer walks from the tail. An idle queue costs one node, which is what lets a million
/// idle actors stay small.
/// </summary>
internal sealed class UnboundedMailboxQueue : MailboxQueue
{
    private Node _head;
    private Node _tail;

    public UnboundedMailboxQueue()
    {
        _head = new Node(default);
        _tail = _head;
    }

    // Volatile read: producers write _head from other threads.
    public override bool HasMessages => !ReferenceEquals(Volatile.Read(ref _head), _tail);

    public override bool TryEnqueue(in Envelope envelope, out Envelope dropped)
    {
        var node = new Node(envelope);

        // The exchange orders producers; linking the previous node publishes this one to the consumer.
        Node previous = Interlocked.Exchange(ref _head, node);
        Volatile.Write(ref previous.Next, node);
        dropped = default;
        return true;
    }

    public override bool TryDequeue(out Envelope envelope)
    {
        // Volatile read: the link is written by a producer after its exchange.
        Node? next = Volatile.Read(ref _tail.Next);
        if (next is null)
        {
            envelope = default;
            return false;
        }

        envelope = next.Envelope;
        next.Envelope = default; // the node becomes the stub; do not keep the message alive
        _tail = next;
        return true;
    }

    private sealed class Node(Envelope envelope)
    {
        public Envelope Envelope = envelope;
        public Node? Next;
    }
}
