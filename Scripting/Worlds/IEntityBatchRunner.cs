namespace WasGo.Scripting;

/// <summary>
/// Runs the batches of one phase of a world's tick. The batches are of different entities and
/// independent of each other, so they may run in parallel, each on one thread; the world merges
/// their results in entity id order, so the outcome does not depend on how they were run.
/// </summary>
public interface IEntityBatchRunner
{
    /// <summary>Runs every batch once (<see cref="EntityBatch.Run"/>).</summary>
    /// <param name="batches">The phase's batches, in entity id order.</param>
    /// <returns>Their results, in any order.</returns>
    Task<IReadOnlyList<EntityBatchResult>> RunAsync(IReadOnlyList<EntityBatch> batches);
}
