namespace WasGo.Host.DeadLetters;

/// <summary>A message the host gave up on, as the API shows it.</summary>
/// <param name="At">When it was seen.</param>
/// <param name="Kind">What happened: <c>given-up</c> (a script trapped on every retry), <c>dead-letter</c> (its recipient had stopped), <c>unhandled</c>, <c>dropped</c>.</param>
/// <param name="Recipient">The world's entity or the actor it was for.</param>
/// <param name="Reason">Why, or the message's type.</param>
/// <param name="World">The world, for a script's message.</param>
internal sealed record DeadLetterEntry(DateTimeOffset At, string Kind, string Recipient, string Reason, string? World);
