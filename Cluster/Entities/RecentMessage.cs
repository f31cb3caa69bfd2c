namespace WasGo.Cluster;

/// <summary>A message an entity applied lately, with its reply, kept in the entity's state row so that a redelivery is answered without taking effect again.</summary>
/// <param name="Id">The message id.</param>
/// <param name="Manifest">The reply's registered type name.</param>
/// <param name="Reply">The serialized reply.</param>
public sealed record RecentMessage(Guid Id, string Manifest, byte[] Reply);
