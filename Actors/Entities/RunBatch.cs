using Akka.Actor;
using WasGo.Scripting;

namespace WasGo.Actors.Entities;

/// <summary>Tells an <see cref="EntityActor"/> to run its entity's batch of a phase and send the answer to <paramref name="Collector"/>.</summary>
/// <param name="Batch">The batch.</param>
/// <param name="Phase">The phase it belongs to.</param>
/// <param name="Collector">Where the answer goes.</param>
internal sealed record RunBatch(EntityBatch Batch, PhaseCollector.Phase Phase, IActorRef Collector);
