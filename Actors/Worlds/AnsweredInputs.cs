using WasGo.Scripting;

namespace WasGo.Actors.Worlds;

/// <summary>The answers to the latest identified inputs of a world, the oldest forgotten first.</summary>
internal sealed class AnsweredInputs(int capacity)
{
    private readonly Dictionary<Guid, CallResult> _answers = [];
    private readonly Queue<Guid> _order = new();

    public bool TryGet(Guid id, out CallResult answer) => _answers.TryGetValue(id, out answer!);

    public void Add(Guid id, CallResult answer)
    {
        if (id == Guid.Empty || !_answers.TryAdd(id, answer))
        {
            return;
        }

        _order.Enqueue(id);
        if (_order.Count > capacity)
        {
            _answers.Remove(_order.Dequeue());
        }
    }

    /// <summary>Keeps the answers of a tick's identified inputs.</summary>
    public void AddAll(IReadOnlyList<Guid>? ids, IReadOnlyList<CallResult> answers)
    {
        for (int i = 0; ids is not null && i < ids.Count; i++)
        {
            Add(ids[i], answers[i]);
        }
    }
}
