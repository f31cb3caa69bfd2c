namespace WasGo.Scripting;

/// <summary>A message one entity sent another.</summary>
/// <param name="From">The sender.</param>
/// <param name="Target">The entity it was for.</param>
/// <param name="Method">The method it calls.</param>
/// <param name="Arguments">Its arguments.</param>
public sealed record OutgoingMessage(string From, string Target, string Method, IReadOnlyList<ScriptValue> Arguments);
