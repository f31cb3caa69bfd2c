namespace WasGo.Cluster.Node;

/// <summary>A call that an <see cref="EchoEntity"/> answers with itself: the cost of the path alone.</summary>
public sealed record Echo(long Value);
