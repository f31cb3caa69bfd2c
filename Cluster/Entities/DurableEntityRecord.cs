namespace WasGo.Cluster;

/// <summary>What a <see cref="DurableEntityActor{TState}"/> stores: its state and the messages it applied lately, written together in one fenced write.</summary>
/// <typeparam name="TState">The entity's state.</typeparam>
/// <param name="State">The state.</param>
/// <param name="Recent">The latest applied messages, oldest first.</param>
public sealed record DurableEntityRecord<TState>(TState State, IReadOnlyList<RecentMessage> Recent);
