namespace WasGo.Actors;

/// <summary>An actor's stash, kept in its cell so that it survives a restart of the instance.</summary>
internal sealed class ActorStash(ActorCell cell) : IStash
{
    private readonly List<Envelope> _stashed = [];

    public int Count => _stashed.Count;

    public void Stash() => _stashed.Add(cell.CurrentEnvelope ?? throw new InvalidOperationException("Stash() needs a message being processed; call it from a message handler."));

    public void Unstash()
    {
        if (_stashed.Count == 0)
        {
            return;
        }

        cell.Mailbox.Prepend([_stashed[0]]);
        _stashed.RemoveAt(0);
    }

    public void UnstashAll()
    {
        if (_stashed.Count == 0)
        {
            return;
        }

        cell.Mailbox.Prepend(_stashed);
        _stashed.Clear();
    }

    public void ClearStash()
    {
        foreach (Envelope envelope in _stashed)
        {
            cell.System.PublishDeadLetter(envelope, cell.Self);
        }

        _stashed.Clear();
    }
}
