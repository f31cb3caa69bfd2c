using System.Diagnostics;

namespace WasGo.Actors;

/// <summary>
/// An actor's two queues and the switch that lets exactly one turn run at a time. The mailbox is
/// itself the thread-pool work item, so scheduling a turn allocates nothing.
/// </summary>
/// <remarks>
/// Producers call <see cref="PostUser"/> and <see cref="PostSystem"/> from any thread. Everything
/// else runs inside the one active turn and needs no lock.
/// </remarks>
[DebuggerDisplay("Status = {_statusDoNotCallMeDirectly}, Suspended = {_suspended}")]
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Scheduled = 1;
    private const int Closed = 2;

    private static readonly Action<Task, object?> s_resumeAfterTask = static (task, state) =>
    {
        var mailbox = (Mailbox)state!;
        mailbox._cell.OnAsyncHandlerCompleted(task);
        mailbox._dispatcher.Schedule(mailbox);
    };

    private readonly MailboxQueue _user;
    private readonly UnboundedMailboxQueue _system = new();
    private readonly Dispatcher _dispatcher;
    private readonly ActorCell _cell;

    // Only read and written with Interlocked or Volatile: producers race to schedule a turn.
    private int _statusDoNotCallMeDirectly;

    // The fields below belong to the running turn.
    private bool _suspended;
    private List<Envelope>? _unstashed;

    public Mailbox(ActorCell cell, MailboxOptions options, Dispatcher dispatcher)
    {
        _cell = cell;
        _user = MailboxQueue.Create(options);
        _dispatcher = dispatcher;
    }

    public bool IsClosed => Volatile.Read(ref _statusDoNotCallMeDirectly) == Closed;

    public void PostUser(in Envelope envelope)
    {
        if (!_user.TryEnqueue(envelope, out Envelope dropped))
        {
            _cell.System.PublishDropped(dropped, _cell.Self, "the mailbox is full");
        }

        if (IsClosed)
        {
            DrainAfterClose();
            return;
        }

        Schedule();
    }

    public void PostSystem(SystemMessage message)
    {
        _system.TryEnqueue(new Envelope(message, null), out _);
        if (IsClosed)
        {
            DrainAfterClose();
            return;
        }

        Schedule();
    }

    /// <summary>Stops user messages until <see cref="Resume"/>; system messages still run.</summary>
    public void Suspend() => _suspended = true;

    public void Resume() => _suspended = false;

    /// <summary>Puts messages back at the front, before everything queued, in their order.</summary>
    public void Prepend(IReadOnlyList<Envelope> envelopes)
    {
        _unstashed ??= [];
        _unstashed.InsertRange(0, envelopes);
    }

    /// <summary>
    /// Ends the mailbox for good. Called by the cell's final turn; what is left, and whatever
    /// arrives later, is handed to the cell's after-death handling.
    /// </summary>
    public void Close()
    {
        Volatile.Write(ref _statusDoNotCallMeDirectly, Closed);
        DrainAfterClose();
    }

    void IThreadPoolWorkItem.Execute() => Run();

    private void Schedule()
    {
        if (Interlocked.CompareExchange(ref _statusDoNotCallMeDirectly, Scheduled, Idle) == Idle)
        {
            _dispatcher.Schedule(this);
        }
    }

    private void Run()
    {
        int throughput = _dispatcher.Throughput;
        for (int processed = 0; processed < throughput; processed++)
        {
            if (_system.TryDequeue(out Envelope system))
            {
                _cell.SystemInvoke((SystemMessage)system.Message);
                if (IsClosed)
                {
                    return;
                }

                continue;
            }

            if (_suspended || !TryDequeueUser(out Envelope envelope))
            {
                break;
            }

            Task pending = _cell.Invoke(envelope);
            if (!pending.IsCompleted)
            {
                // The turn stays ours while the handler awaits: the next message waits for it.
                pending.ContinueWith(s_resumeAfterTask, this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                return;
            }
        }

        // Only this turn can move Scheduled to Idle; Close may have moved it to Closed meanwhile.
        if (Interlocked.CompareExchange(ref _statusDoNotCallMeDirectly, Idle, Scheduled) == Scheduled && HasWork())
        {
            Schedule();
        }
    }

    private bool HasWork() =>
        _system.HasMessages || (!_suspended && (_user.HasMessages || _unstashed is { Count: > 0 }));

    private bool TryDequeueUser(out Envelope envelope)
    {
        if (_unstashed is { Count: > 0 })
        {
            envelope = _unstashed[0];
            _unstashed.RemoveAt(0);
            return true;
        }

        return _user.TryDequeue(out envelope);
    }

    private void DrainAfterClose()
    {
        // After close every producer may drain; the lock keeps the queues single-consumer.
        lock (_system)
        {
            while (_system.TryDequeue(out Envelope system))
            {
                _cell.SystemInvokeAfterTermination((SystemMessage)system.Message);
            }

            while (TryDequeueUser(out Envelope envelope))
            {
                _cell.System.PublishDeadLetter(envelope, _cell.Self);
            }
        }
    }
}
