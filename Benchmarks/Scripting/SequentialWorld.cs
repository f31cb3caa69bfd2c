using WasGo.Scripting;

namespace WasGo.Benchmarks.Scripting;

/// <summary>A world that runs its entities one after another on the calling thread, as a replay does.</summary>
public sealed class SequentialWorld(World world) : TickedWorld
{
    public override TickResult Step(IReadOnlyList<WorldInput> inputs) => world.Step(inputs);

    public override byte[] Digest() => world.Digest();

    protected override void Dispose(bool disposing) => world.Dispose();
}
