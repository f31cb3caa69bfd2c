using WasGo.Scripting;

namespace WasGo.Benchmarks.Scripting;

/// <summary>A world with the way its ticks run: stepped on the calling thread, or by an actor whose entities are actors.</summary>
public abstract class TickedWorld : IDisposable
{
    /// <summary>Runs one tick.</summary>
    public abstract TickResult Step(IReadOnlyList<WorldInput> inputs);

    /// <summary>Computes the world's digest now.</summary>
    public abstract byte[] Digest();

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the world.</summary>
    protected abstract void Dispose(bool disposing);
}
