namespace WasGo.Benchmarks.Wasm;

/// <summary>What one live instance costs: resident memory it adds, and the time to create it.</summary>
/// <param name="RssBytesPerInstance">Resident set growth divided by the number of live instances.</param>
/// <param name="MeanMicroseconds">Mean instantiation time.</param>
/// <param name="P50Microseconds">Median instantiation time.</param>
/// <param name="P99Microseconds">99th percentile instantiation time.</param>
public sealed record InstanceDensity(double RssBytesPerInstance, double MeanMicroseconds, double P50Microseconds, double P99Microseconds);
