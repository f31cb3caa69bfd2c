namespace WasGo.Cluster.Node;

/// <summary>
/// An account: the last deposit applied, the balance, and the anomalies a test looks for — a deposit
/// applied again (<see cref="Repeats"/>) or one skipped (<see cref="Gaps"/>). Both stay 0 when every
/// message takes effect exactly once, in order.
/// </summary>
public sealed record AccountState(long LastSeq, long Balance, long Repeats, long Gaps, string Node);
