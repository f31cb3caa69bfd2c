namespace WasGo.Actors;

/// <summary>What a bounded mailbox does with a message when it is full. Either way the dropped message goes to dead letters.</summary>
public enum MailboxOverflowStrategy
{
    /// <summary>The arriving message is dropped.</summary>
    DropNewest,

    /// <summary>The oldest queued message is dropped to make room for the arriving one.</summary>
    DropOldest,
}
