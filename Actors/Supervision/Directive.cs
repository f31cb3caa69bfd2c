namespace WasGo.Actors;

/// <summary>What a supervisor does with a child that failed.</summary>
public enum Directive
{
    /// <summary>The child goes on with its current state; the failing message is dropped.</summary>
    Resume,

    /// <summary>The child gets a fresh instance; its mailbox is kept, the failing message is dropped.</summary>
    Restart,

    /// <summary>The child is stopped.</summary>
    Stop,

    /// <summary>The supervisor fails with the same exception, and its own supervisor decides.</summary>
    Escalate,
}
