using Akka.Cluster;

namespace WasGo.Cluster;

/// <summary>The cluster roles a WasGo node carries: every node hosts worlds, and one role names it, so that every member can show the others by name.</summary>
public static class NodeRoles
{
    /// <summary>The role of nodes that host worlds.</summary>
    public const string Worlds = "worlds";

    // Akka.Hosting writes roles into HOCON unquoted: the prefix, like the name, keeps to characters that need no quotes.
    private const string NamePrefix = "name-";

    /// <summary>Gets the role that carries a node's name.</summary>
    /// <param name="nodeName">The name.</param>
    /// <returns>The role.</returns>
    public static string ForName(string nodeName) => NamePrefix + nodeName;

    /// <summary>Gets a member's name, or its address when it carries none (a node of another version).</summary>
    /// <param name="member">The member.</param>
    /// <returns>Its name.</returns>
    public static string NameOf(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.Roles.FirstOrDefault(r => r.StartsWith(NamePrefix, StringComparison.Ordinal))?[NamePrefix.Length..] ?? member.Address.ToString();
    }
}
