namespace WasGo.Actors;

/// <summary>Queues each mailbox turn to the thread pool as the work item itself: no closure, no task.</summary>
internal sealed class ThreadPoolDispatcher(int throughput) : Dispatcher(throughput)
{
    internal override void Schedule(Mailbox mailbox) =>
        System.Threading.ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: false);
}
