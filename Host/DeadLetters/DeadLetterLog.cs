using Akka.Actor;
using Akka.Event;
using WasGo.Actors.Worlds;
using WasGo.Host.Metrics;
using WasGo.Scripting;

namespace WasGo.Host.DeadLetters;

/// <summary>The most recent dead letters of the host, newest last: scripts' given-up messages and the actor system's dead letters.</summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class DeadLetterLog(TimeProvider time, HostMetrics metrics)
{
    /// <summary>How many entries are kept.</summary>
    public const int Capacity = 500;

    private readonly Lock _syncObj = new();
    private readonly Queue<DeadLetterEntry> _entries = new();

    public IReadOnlyList<DeadLetterEntry> Entries()
    {
        lock (_syncObj)
        {
            return [.. _entries];
        }
    }

    public void Record(WorldTicked ticked)
    {
        foreach ((string entityId, string reason) in ticked.GivenUp ?? [])
        {
            Add(new DeadLetterEntry(time.GetUtcNow(), "given-up", entityId, reason, ticked.WorldId));
        }
    }

    public void Record(AllDeadLetters letter)
    {
        (string kind, string reason) = letter switch
        {
            Dropped dropped => ("dropped", dropped.Reason),
            UnhandledMessage => ("unhandled", letter.Message.GetType().Name),
            _ => ("dead-letter", letter.Message.GetType().Name),
        };
        Add(new DeadLetterEntry(time.GetUtcNow(), kind, letter.Recipient.Path.ToString(), reason, null));
    }

    private void Add(DeadLetterEntry entry)
    {
        metrics.DeadLetter(entry.Kind);
        lock (_syncObj)
        {
            if (_entries.Count == Capacity)
            {
                _entries.Dequeue();
            }

            _entries.Enqueue(entry);
        }
    }
}
