using WasGo.Actors;

namespace WasGo.Scripting;

/// <summary>
/// Routes <see cref="EntityEnvelope"/>s to entities by id, starting an entity on its first message.
/// Passivation follows Akka's protocol: an idle entity asks to stop, messages for it wait here
/// while it finishes, and if any arrived it is started again and given them.
/// </summary>
public sealed class EntityRegion : ReceiveActor
{
    private readonly Func<string, Props> _entityProps;
    private readonly Dictionary<string, IActorRef> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _ids = [];
    private readonly Dictionary<string, List<(object Message, IActorRef Sender)>> _passivating = new(StringComparer.Ordinal);

    /// <summary>Initializes a region.</summary>
    /// <param name="entityProps">Makes the props of an entity from its id.</param>
    public EntityRegion(Func<string, Props> entityProps)
    {
        _entityProps = entityProps;
        Receive<EntityEnvelope>(Route);
        Receive<Passivate>(OnPassivate);
        Receive<Terminated>(OnTerminated);
        Receive<GetRegionState>(_ => Sender.Tell(new RegionState([.. _entities.Keys.Order(StringComparer.Ordinal)])));
    }

    private void Route(EntityEnvelope envelope)
    {
        if (_passivating.TryGetValue(envelope.EntityId, out List<(object, IActorRef)>? waiting))
        {
            waiting.Add((envelope.Message, Sender));
            return;
        }

        EntityFor(envelope.EntityId).Tell(envelope.Message, Sender);
    }

    private IActorRef EntityFor(string entityId)
    {
        if (!_entities.TryGetValue(entityId, out IActorRef? entity))
        {
            entity = Context.Watch(Context.ActorOf(_entityProps(entityId), Uri.EscapeDataString(entityId)));
            _entities[entityId] = entity;
            _ids[entity] = entityId;
        }

        return entity;
    }

    private void OnPassivate(Passivate passivate)
    {
        if (_ids.TryGetValue(passivate.Entity, out string? entityId) && !_passivating.ContainsKey(entityId))
        {
            _passivating[entityId] = [];
            passivate.Entity.Tell(PoisonPill.Instance);
        }
    }

    private void OnTerminated(Terminated terminated)
    {
        if (!_ids.Remove(terminated.ActorRef, out string? entityId))
        {
            return;
        }

        _entities.Remove(entityId);
        if (_passivating.Remove(entityId, out List<(object Message, IActorRef Sender)>? waiting) && waiting.Count > 0)
        {
            IActorRef entity = EntityFor(entityId);
            foreach ((object message, IActorRef sender) in waiting)
            {
                entity.Tell(message, sender);
            }
        }
    }
}
