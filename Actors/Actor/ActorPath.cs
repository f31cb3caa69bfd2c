using System.Text;

namespace WasGo.Actors;

/// <summary>
/// The name of an actor within its system, from the root down: <c>wasgo://name/user/parent/child</c>.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private readonly string _systemName;

    private ActorPath(string systemName, ActorPath? parent, string name)
    {
        _systemName = systemName;
        Parent = parent;
        Name = name;
    }

    /// <summary>Gets the path of the parent, or <see langword="null"/> for the root.</summary>
    public ActorPath? Parent { get; }

    /// <summary>Gets the last element of the path: the actor's own name.</summary>
    public string Name { get; }

    /// <summary>Gets the number of elements below the root.</summary>
    public int Depth => Parent is null ? 0 : Parent.Depth + 1;

    /// <summary>Creates the root path of the actor system named <paramref name="systemName"/>.</summary>
    /// <param name="systemName">The actor system's name.</param>
    /// <returns>The root path.</returns>
    public static ActorPath Root(string systemName) => new(systemName, null, string.Empty);

    /// <summary>Returns the path of a child named <paramref name="name"/>.</summary>
    /// <param name="name">The child's name.</param>
    /// <returns>The child's path.</returns>
    public ActorPath Child(string name) => new(_systemName, this, name);

    /// <inheritdoc />
    public bool Equals(ActorPath? other)
    {
        ActorPath? a = this;
        ActorPath? b = other;
        while (a is not null && b is not null)
        {
            if (ReferenceEquals(a, b))
            {
                return true;
            }

            if (a.Name != b.Name)
            {
                return false;
            }

            a = a.Parent;
            b = b.Parent;
        }

        return a is null && b is null && _systemName == other!._systemName;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ActorPath other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        for (ActorPath? p = this; p is not null; p = p.Parent)
        {
            hash.Add(p.Name);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var names = new Stack<string>();
        for (ActorPath? p = this; p?.Parent is not null; p = p.Parent)
        {
            names.Push(p.Name);
        }

        var text = new StringBuilder("wasgo://").Append(_systemName);
        foreach (string name in names)
        {
            text.Append('/').Append(name);
        }

        return text.ToString();
    }
}
