namespace WasGo.Cluster.Node;

/// <summary>The <paramref name="Seq"/>-th deposit to an account: its sender numbers them 1, 2, 3, … so that a lost or repeated effect shows.</summary>
public sealed record Deposit(long Seq, long Amount);
