using WasGo.Scripting;

namespace WasGo.Benchmarks.Scripting;

/// <summary>
/// A world stepped by the caller (<see cref="World.Step"/>), with no actor: its runner decides where
/// a phase's batches run (one after another on the calling thread by default, as a replay runs them).
/// </summary>
public sealed class DirectWorld(World world) : TickedWorld
{
    public override TickResult Step(IReadOnlyList<WorldInput> inputs) => world.Step(inputs);

    public override byte[] Digest() => world.Digest();

    protected override void Dispose(bool disposing) => world.Dispose();
}
