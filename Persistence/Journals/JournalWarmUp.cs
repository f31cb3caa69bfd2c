using Akka.Actor;
using Akka.Persistence;

namespace WasGo.Persistence;

/// <summary>
/// Recovers, once as the node starts, a persistence id that never holds an event, on one journal
/// (and the snapshot store): the first recovery in a process opens the database and prepares the
/// journal's queries, which took about a second here. Warm, a node that takes over a dead node's
/// worlds, or sharding's coordinator, recovers them without that second.
/// </summary>
internal sealed class JournalWarmUp : ReceivePersistentActor
{
    /// <summary>Initializes the actor.</summary>
    /// <param name="journalPluginId">The journal to warm; empty for the default one.</param>
    public JournalWarmUp(string journalPluginId)
    {
        JournalPluginId = journalPluginId;
        Recover<RecoveryCompleted>(_ => Context.Stop(Self));
    }

    /// <inheritdoc />
    public override string PersistenceId => "wasgo-journal-warm-up";
}
