using System.Collections.Generic;

namespace WasGo.Wasm.Text.Parsing;

/// <summary>One index space (types, funcs, locals, ...): symbolic names to indices.</summary>
internal sealed class IndexSpace
{
    private readonly Dictionary<string, int> _names = new(System.StringComparer.Ordinal);

    /// <summary>Creates an empty space whose entries are called <paramref name="what"/> in errors.</summary>
    public IndexSpace(string what) => What = what;

    /// <summary>The name of the kind of entry, for errors.</summary>
    public string What { get; }

    /// <summary>The number of entries.</summary>
    public int Count { get; set; }

    /// <summary>Adds an entry; returns false when the name is already bound.</summary>
    public bool TryAdd(string? name)
    {
        if (name is not null && !_names.TryAdd(name, Count))
        {
            return false;
        }

        Count++;
        return true;
    }

    /// <summary>Looks up a name.</summary>
    public bool TryGet(string name, out int index) => _names.TryGetValue(name, out index);

    /// <summary>Whether a name is bound.</summary>
    public bool Contains(string name) => _names.ContainsKey(name);
}
