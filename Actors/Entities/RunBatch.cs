using WasGo.Scripting;

namespace WasGo.Actors.Entities;

/// <summary>Tells an <see cref="EntityActor"/> to run its entity's batch of a phase and answer in <paramref name="Phase"/>.</summary>
/// <param name="Batch">The batch.</param>
/// <param name="Phase">The phase it belongs to.</param>
internal sealed record RunBatch(EntityBatch Batch, Phase Phase);
