using System;
using System.Collections.Generic;

namespace WasGo.Wasm.Wasi;

/// <summary>
/// What a WASI guest sees of the world: its arguments and environment, where its output goes, its
/// standard input, its clock and its randomness. Everything is empty, silent or closed by default; no
/// file, directory, socket or process is ever reachable.
/// </summary>
/// <remarks>
/// The fluent methods change this object and return it. <see cref="WasiLinkerExtensions.DefineWasi"/>
/// takes a snapshot, so changing the configuration later does not affect linkers already defined.
/// </remarks>
public sealed class WasiConfiguration
{
    /// <summary>The start of <see cref="WithDeterministicClock()"/>: 2000-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultDeterministicStart = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The step of <see cref="WithDeterministicClock()"/>: one millisecond per clock reading.</summary>
    public static readonly TimeSpan DefaultDeterministicStep = TimeSpan.FromMilliseconds(1);

    private readonly List<string> _arguments = [];
    private readonly List<KeyValuePair<string, string>> _environment = [];

    /// <summary>The arguments, <c>argv[0]</c> (by convention the program name) first; empty by default.</summary>
    public IReadOnlyList<string> Arguments => _arguments;

    /// <summary>The environment variables, in the order the guest sees them; empty by default.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> EnvironmentVariables => _environment;

    /// <summary>Where standard output (fd 1) goes; <see cref="DiscardOutput"/> by default.</summary>
    public IWasiOutput StandardOutput { get; private set; } = DiscardOutput.Instance;

    /// <summary>Where standard error (fd 2) goes; <see cref="DiscardOutput"/> by default.</summary>
    public IWasiOutput StandardError { get; private set; } = DiscardOutput.Instance;

    /// <summary>What standard input (fd 0) reads, once per store, before end of file; empty by default.</summary>
    public ReadOnlyMemory<byte> StandardInput { get; private set; }

    /// <summary>The time source of the clocks when no deterministic clock is set; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider Clock { get; private set; } = TimeProvider.System;

    /// <summary>The first reading of the deterministic clock, or null when <see cref="Clock"/> is used.</summary>
    public DateTimeOffset? DeterministicClockStart { get; private set; }

    /// <summary>How far the deterministic clock advances per reading.</summary>
    public TimeSpan DeterministicClockStep { get; private set; } = DefaultDeterministicStep;

    /// <summary>The seed of the deterministic random generator, or null for the operating system's cryptographic generator.</summary>
    public ulong? RandomSeed { get; private set; }

    /// <summary>Sets the arguments, replacing earlier ones; give <c>argv[0]</c> (the program name) first.</summary>
    /// <param name="arguments">The arguments.</param>
    /// <returns>This configuration.</returns>
    /// <exception cref="ArgumentNullException">The list or an argument is null.</exception>
    /// <exception cref="ArgumentException">An argument contains a NUL character.</exception>
    public WasiConfiguration WithArgs(params IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var list = new List<string>();
        foreach (var argument in arguments)
        {
            list.Add(CheckText(argument, nameof(arguments)));
        }

        _arguments.Clear();
        _arguments.AddRange(list);
        return this;
    }

    /// <summary>Sets an environment variable, replacing an earlier value of the same name.</summary>
    /// <param name="name">The name: not empty, without '=' or NUL.</param>
    /// <param name="value">The value, without NUL.</param>
    /// <returns>This configuration.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The name is empty or contains '=' or NUL, or the value contains NUL.</exception>
    public WasiConfiguration WithEnvironment(string name, string value)
    {
        CheckText(name, nameof(name));
        CheckText(value, nameof(value));
        if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal))
        {
            throw new ArgumentException("an environment variable name must be non-empty and contain no '='", nameof(name));
        }

        var index = _environment.FindIndex(e => e.Key == name);
        if (index >= 0)
        {
            _environment[index] = new(name, value);
        }
        else
        {
            _environment.Add(new(name, value));
        }

        return this;
    }

    /// <summary>Sets several environment variables, each as <see cref="WithEnvironment(string, string)"/>.</summary>
    /// <param name="variables">Names and values.</param>
    /// <returns>This configuration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="variables"/>, a name or a value is null.</exception>
    /// <exception cref="ArgumentException">A name or value is not allowed.</exception>
    public WasiConfiguration WithEnvironment(IEnumerable<KeyValuePair<string, string>> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        foreach (var (name, value) in variables)
        {
            WithEnvironment(name, value);
        }

        return this;
    }

    /// <summary>Sends standard output (fd 1) to a sink.</summary>
    /// <param name="output">The sink, e.g. a <see cref="MemoryOutput"/>.</param>
    /// <returns>This configuration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
    public WasiConfiguration WithStandardOutput(IWasiOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        StandardOutput = output;
        return this;
    }

    /// <summary>Sends standard error (fd 2) to a sink.</summary>
    /// <param name="output">The sink, e.g. a <see cref="LineOutput"/> feeding a logger.</param>
    /// <returns>This configuration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
    public WasiConfiguration WithStandardError(IWasiOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        StandardError = output;
        return this;
    }

    /// <summary>Sets what standard input (fd 0) reads; each store reads it from the start, then end of file.</summary>
    /// <param name="input">The bytes (kept, not copied).</param>
    /// <returns>This configuration.</returns>
    public WasiConfiguration WithStandardInput(ReadOnlyMemory<byte> input)
    {
        StandardInput = input;
        return this;
    }

    /// <summary>Reads the clocks from a time source (and stops using a deterministic clock).</summary>
    /// <param name="clock">The time source: its UTC time for the realtime clock, its timestamp for the monotonic and CPU-time clocks.</param>
    /// <returns>This configuration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
    public WasiConfiguration WithClock(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Clock = clock;
        DeterministicClockStart = null;
        return this;
    }

    /// <summary>
    /// Uses a deterministic virtual clock starting at <see cref="DefaultDeterministicStart"/> and
    /// advancing <see cref="DefaultDeterministicStep"/> per reading.
    /// </summary>
    /// <returns>This configuration.</returns>
    public WasiConfiguration WithDeterministicClock() => WithDeterministicClock(DefaultDeterministicStart, DefaultDeterministicStep);

    /// <summary>
    /// Uses a deterministic virtual clock, per store: reading <c>n</c> (counting from 0, over all clocks)
    /// gives <paramref name="start"/> + n × <paramref name="step"/> on the realtime clock and
    /// n × <paramref name="step"/> on the monotonic and CPU-time clocks. Their resolution is the step
    /// (at least 1 ns). No wall-clock time reaches the guest.
    /// </summary>
    /// <param name="start">The first realtime reading; from 1970-01-01T00:00:00Z to 2554-07-21 (WASI's u64 nanoseconds).</param>
    /// <param name="step">The advance per reading; zero freezes time.</param>
    /// <returns>This configuration.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The start is before the Unix epoch or past what u64 nanoseconds hold, or the step is negative.</exception>
    public WasiConfiguration WithDeterministicClock(DateTimeOffset start, TimeSpan step)
    {
        if (start < DateTimeOffset.UnixEpoch || (ulong)(start - DateTimeOffset.UnixEpoch).Ticks > ulong.MaxValue / TimeSpan.NanosecondsPerTick)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, "the start must lie between the Unix epoch and 2554-07-21, as u64 nanoseconds since the epoch");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(step, TimeSpan.Zero);
        DeterministicClockStart = start;
        DeterministicClockStep = step;
        return this;
    }

    /// <summary>
    /// Makes <c>random_get</c> deterministic: each store's bytes come from xoshiro256** seeded through
    /// SplitMix64 with <paramref name="seed"/> (each 64-bit output in little-endian order; the unused
    /// bytes of a request's last output are dropped). The same seed gives the same bytes on every machine
    /// and .NET version. Not cryptographically secure.
    /// </summary>
    /// <param name="seed">The seed.</param>
    /// <returns>This configuration.</returns>
    public WasiConfiguration WithRandomSeed(ulong seed)
    {
        RandomSeed = seed;
        return this;
    }

    /// <summary>
    /// Determinism mode: <see cref="WithDeterministicClock()"/> and <see cref="WithRandomSeed"/>, so
    /// nothing the guest observes depends on the machine or the moment.
    /// </summary>
    /// <param name="seed">The random seed.</param>
    /// <returns>This configuration.</returns>
    public WasiConfiguration WithDeterminism(ulong seed) => WithDeterministicClock().WithRandomSeed(seed);

    /// <summary>A copy of this configuration (the sinks, clock and input are shared, not copied).</summary>
    /// <returns>The copy.</returns>
    public WasiConfiguration Clone()
    {
        var copy = new WasiConfiguration
        {
            StandardOutput = StandardOutput,
            StandardError = StandardError,
            StandardInput = StandardInput,
            Clock = Clock,
            DeterministicClockStart = DeterministicClockStart,
            DeterministicClockStep = DeterministicClockStep,
            RandomSeed = RandomSeed,
        };
        copy._arguments.AddRange(_arguments);
        copy._environment.AddRange(_environment);
        return copy;
    }

    private static string CheckText(string text, string parameter)
    {
        ArgumentNullException.ThrowIfNull(text, parameter);
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("WASI strings are NUL-terminated and cannot contain NUL", parameter);
        }

        return text;
    }
}
