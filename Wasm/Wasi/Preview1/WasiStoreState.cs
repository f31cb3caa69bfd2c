using WasGo.Wasm.Wasi.Clocks;
using WasGo.Wasm.Wasi.Randomness;

namespace WasGo.Wasm.Wasi.Preview1;

/// <summary>What WASI remembers per store: which standard streams were closed, how far stdin was read, clock and generator state.</summary>
internal sealed class WasiStoreState(IWasiClockReader clock, IWasiRandom random)
{
    private readonly bool[] _closed = new bool[3];

    public IWasiClockReader Clock { get; } = clock;

    public IWasiRandom Random { get; } = random;

    public int InputPosition { get; set; }

    /// <summary>Whether the descriptor is one of the standard streams and still open.</summary>
    public bool IsOpen(int fd) => (uint)fd < 3 && !_closed[fd];

    public void Close(int fd) => _closed[fd] = true;
}
