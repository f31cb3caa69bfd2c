using Akka.Actor;
using WasGo.Scripting;

namespace WasGo.Actors.Entities;

/// <summary>Tells an <see cref="EntityActor"/> to run its entity's batch of a phase and send the result to <paramref name="Collector"/>.</summary>
/// <param name="Batch">The batch.</param>
/// <param name="Collector">Where the result goes.</param>
internal sealed record RunBatch(EntityBatch Batch, IActorRef Collector);
