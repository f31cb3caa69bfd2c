using System.Collections;
using System.Diagnostics;

namespace WasGo.Host.Tests.Http;

/// <summary>The spans an in-memory exporter hands over as they end, kept so that a test can read them while more arrive.</summary>
internal sealed class ExportedSpans : ICollection<Activity>
{
    private readonly Lock _syncObj = new();
    private readonly List<Activity> _spans = [];

    public int Count
    {
        get
        {
            lock (_syncObj)
            {
                return _spans.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    /// <summary>Waits until the trace holds a span of each name, then gives every span of the trace.</summary>
    public async Task<Activity[]> TraceAsync(ActivityTraceId traceId, params string[] names)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            Activity[] trace;
            lock (_syncObj)
            {
                trace = [.. _spans.Where(s => s.TraceId == traceId)];
            }

            if (names.All(name => trace.Any(s => s.DisplayName == name)))
            {
                return trace;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    public void Add(Activity item)
    {
        lock (_syncObj)
        {
            _spans.Add(item);
        }
    }

    public void Clear()
    {
        lock (_syncObj)
        {
            _spans.Clear();
        }
    }

    public bool Contains(Activity item)
    {
        lock (_syncObj)
        {
            return _spans.Contains(item);
        }
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (_syncObj)
        {
            _spans.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(Activity item)
    {
        lock (_syncObj)
        {
            return _spans.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator()
    {
        lock (_syncObj)
        {
            return ((IEnumerable<Activity>)[.. _spans]).GetEnumerator();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
