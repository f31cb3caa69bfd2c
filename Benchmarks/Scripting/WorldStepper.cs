namespace WasGo.Benchmarks.Scripting;

/// <summary>
/// One way to run a world's ticks, under a name for the <c>worldtick</c> table: it makes the
/// world (from the settings, runtime and modules every stepper gets alike) and steps it.
/// </summary>
/// <param name="Name">The row's name.</param>
/// <param name="Start">Makes the world to step.</param>
public sealed record WorldStepper(string Name, Func<WorldSetup, TickedWorld> Start);
