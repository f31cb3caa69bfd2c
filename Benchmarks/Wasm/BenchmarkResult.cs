namespace WasGo.Benchmarks.Wasm;

/// <summary>One engine's timing of one program, as the runners of <c>../shared/bench/wasm</c> report it.</summary>
/// <param name="Name">The program.</param>
/// <param name="N">Its size argument.</param>
/// <param name="Checksum">What <c>run(n)</c> returned, read as unsigned.</param>
/// <param name="Ok">Whether every call agreed and matched the recorded checksum.</param>
/// <param name="CompileMs">Compile time (wasm engines only).</param>
/// <param name="FirstMs">The first (cold) call.</param>
/// <param name="MedianMs">The median of the timed calls.</param>
/// <param name="MinMs">The fastest timed call.</param>
public sealed record BenchmarkResult(string Name, int N, uint Checksum, bool Ok, double? CompileMs, double? FirstMs, double MedianMs, double MinMs);
