namespace WasGo.Actors;

/// <summary>A message on its way, with the actor that sent it.</summary>
/// <param name="Message">The message.</param>
/// <param name="Sender">The sender, or <see langword="null"/>.</param>
internal readonly record struct Envelope(object Message, IActorRef? Sender);
