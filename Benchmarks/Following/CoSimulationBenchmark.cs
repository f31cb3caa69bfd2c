namespace WasGo.Benchmarks.Following;

/// <summary>
/// <c>cosim</c> (issue 16, client co-simulation): <c>cosim catchup …</c> (<see cref="CatchUpBenchmark"/>),
/// <c>cosim wire …</c> (<see cref="FeedBytesBenchmark"/>), or both with their defaults.
/// </summary>
public static class CoSimulationBenchmark
{
    public static async Task<int> RunAsync(string[] args) => args switch
    {
        ["catchup", ..] => await CatchUpBenchmark.RunAsync(args),
        ["wire", ..] => await FeedBytesBenchmark.RunAsync(args),
        [] => await CatchUpBenchmark.RunAsync(["catchup"]) + await RunWireAfterAsync(),
        _ => throw new ArgumentException($"cosim runs 'catchup' or 'wire' (or both, with no argument); not '{args[0]}'.", nameof(args)),
    };

    private static async Task<int> RunWireAfterAsync()
    {
        Console.WriteLine();
        return await FeedBytesBenchmark.RunAsync(["wire"]);
    }
}
