using System.Globalization;
using WasGo.Scripting;

namespace WasGo.Client;

/// <summary>The first tick at which the client's world was not the host's, and where they differ.</summary>
/// <param name="Tick">The first tick that disagreed.</param>
/// <param name="HostDigest">The host's digest there (hex), or null when a module, not a digest, disagreed.</param>
/// <param name="ClientDigest">The client's digest there (hex), or null when a module disagreed.</param>
/// <param name="Where">The first entity and column that differ (from the host's rows replayed at that tick), or null if the host could not replay that tick or a module disagreed.</param>
/// <param name="Reason">What disagreed, in a sentence.</param>
public sealed record Disagreement(long Tick, string? HostDigest, string? ClientDigest, RowDifference? Where, string Reason)
{
    /// <summary>Describes the disagreement for a person.</summary>
    /// <returns>A sentence or two.</returns>
    public override string ToString()
    {
        string where = Where switch
        {
            null => string.Empty,
            { Column: null } => $" Entity '{Where.EntityId}' is on one side only.",
            _ => $" First difference: entity '{Where.EntityId}', column '{Where.Column}': client {Where.Ours?.ToString() ?? "(none)"}, host {Where.Theirs?.ToString() ?? "(none)"}.",
        };
        return string.Create(CultureInfo.InvariantCulture, $"Tick {Tick}: {Reason}.{where}");
    }
}
