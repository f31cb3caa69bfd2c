using WasGo.Scripting;

namespace WasGo.Actors.Worlds;

/// <summary>The answers to the latest inputs of a world that came with idempotency keys, the oldest forgotten first.</summary>
internal sealed class AnsweredInputs(int capacity)
{
    private readonly Dictionary<string, CallResult> _answers = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public bool TryGet(string key, out CallResult answer) => _answers.TryGetValue(key, out answer!);

    public void Add(string? key, CallResult answer)
    {
        if (key is null || !_answers.TryAdd(key, answer))
        {
            return;
        }

        _order.Enqueue(key);
        if (_order.Count > capacity)
        {
            _answers.Remove(_order.Dequeue());
        }
    }

    /// <summary>Keeps the answers of a tick's inputs that came with keys.</summary>
    public void AddAll(IReadOnlyList<string?>? keys, IReadOnlyList<CallResult> answers)
    {
        for (int i = 0; keys is not null && i < keys.Count; i++)
        {
            Add(keys[i], answers[i]);
        }
    }

    /// <summary>Gets the kept answers, oldest first, for a snapshot.</summary>
    public IReadOnlyList<KeyValuePair<string, CallResult>> ToList() => [.. _order.Select(key => new KeyValuePair<string, CallResult>(key, _answers[key]))];
}
