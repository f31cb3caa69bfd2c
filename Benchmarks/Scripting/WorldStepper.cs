using WasGo.Scripting;

namespace WasGo.Benchmarks.Scripting;

/// <summary>
/// One way to run a world's tick, under a name for the <c>worldtick</c> table. A delegate rather than
/// an interface, so that another way (entities as actors, ticked in parallel) is one more line in
/// <see cref="WorldTickBenchmark"/>'s list and needs nothing from <see cref="World"/> it does not expose.
/// </summary>
/// <param name="Name">The row's name.</param>
/// <param name="Step">Runs one tick of the world with these inputs and returns what the tick did.</param>
public sealed record WorldStepper(string Name, Func<World, IReadOnlyList<WorldInput>, TickResult> Step);
