namespace WasGo.Cluster.Node;

/// <summary>A deposit took effect (or had taken effect before: a redelivery gets the same answer).</summary>
public sealed record Deposited(string EntityId, long Seq, long Balance, string Node);
