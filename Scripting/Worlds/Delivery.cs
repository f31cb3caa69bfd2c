namespace WasGo.Scripting;

/// <summary>A message waiting in its world's queue for delivery: a one-way send, or a call whose reply goes back to its caller.</summary>
/// <param name="From">The sender.</param>
/// <param name="Target">The entity it is for.</param>
/// <param name="Method">The method it calls.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="ReplyTo">For a call, the entity its reply goes to; null for a send.</param>
/// <param name="CallId">For a call, the caller's id of it (its <c>_reply</c>'s argument); 0 for a send.</param>
internal sealed record Delivery(string From, string Target, string Method, ScriptValue[] Arguments, string? ReplyTo, long CallId);
