namespace WasGo.Actors;

/// <summary>
/// A message that was not processed, published on the <see cref="EventStream"/>. Subscribe to this
/// type to see every kind; the system logs them, rate-limited.
/// </summary>
/// <param name="Message">The message.</param>
/// <param name="Sender">Its sender, if any.</param>
/// <param name="Recipient">The actor it was for.</param>
public abstract record AllDeadLetters(object Message, IActorRef? Sender, IActorRef Recipient);

/// <summary>A message sent to an actor that had stopped, or left in its mailbox when it stopped.</summary>
/// <param name="Message">The message.</param>
/// <param name="Sender">Its sender, if any.</param>
/// <param name="Recipient">The actor it was for.</param>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient)
    : AllDeadLetters(Message, Sender, Recipient);

/// <summary>A message the receiving actor did not handle.</summary>
/// <param name="Message">The message.</param>
/// <param name="Sender">Its sender, if any.</param>
/// <param name="Recipient">The actor that did not handle it.</param>
public sealed record UnhandledMessage(object Message, IActorRef? Sender, IActorRef Recipient)
    : AllDeadLetters(Message, Sender, Recipient);

/// <summary>A message dropped on purpose, for example by a full bounded mailbox.</summary>
/// <param name="Message">The message.</param>
/// <param name="Reason">Why it was dropped.</param>
/// <param name="Sender">Its sender, if any.</param>
/// <param name="Recipient">The actor it was for.</param>
public sealed record Dropped(object Message, string Reason, IActorRef? Sender, IActorRef Recipient)
    : AllDeadLetters(Message, Sender, Recipient);
