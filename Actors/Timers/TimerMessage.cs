namespace WasGo.Actors;

/// <summary>A timer's message on its way, tagged so a cancelled or replaced timer's message can be recognised and dropped.</summary>
internal sealed record TimerMessage(object Key, int Generation, object Message);
