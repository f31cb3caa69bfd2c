namespace WasGo.Scripting;

/// <summary>
/// The sandbox every script of a host runs in: the settings of its one Wasmtime engine and the
/// limits of each script's store. The defaults favour correctness over speed.
/// </summary>
public sealed class ScriptRuntimeOptions
{
    /// <summary>The default limit of a script's linear memory: 256 pages of 64 KiB, 16 MiB.</summary>
    public const long DefaultMaxMemoryPages = 256;

    /// <summary>The default limit of a script's table: 10,000 elements.</summary>
    public const uint DefaultMaxTableElements = 10_000;

    /// <summary>The default limit of a script's WebAssembly stack: 512 KiB.</summary>
    public const int DefaultMaxStackBytes = 512 * 1024;

    /// <summary>
    /// The default limit of compiling one module in the compiler process: 4.5 seconds, so that a
    /// deploy (reading the upload, the compile, killing the process) is answered within 5 s.
    /// </summary>
    public static readonly TimeSpan DefaultMaxCompileTime = TimeSpan.FromSeconds(4.5);

    /// <summary>
    /// The default limit of the compiler process's memory: 900 MiB, so that what it allocates
    /// between two looks (every 20 ms) still leaves it under 1 GB.
    /// </summary>
    public const long DefaultMaxCompileMemoryBytes = 900L * 1024 * 1024;

    /// <summary>Gets or sets the most pages (64 KiB) of linear memory one script may have; <c>memory.grow</c> past it returns -1. Default 256 (16 MiB).</summary>
    public long MaxMemoryPages { get; set; } = DefaultMaxMemoryPages;

    /// <summary>Gets or sets the most elements one script's table may have; <c>table.grow</c> past it returns -1. Default 10,000.</summary>
    public uint MaxTableElements { get; set; } = DefaultMaxTableElements;

    /// <summary>Gets or sets the most bytes of stack one call may use; deeper recursion traps (<c>trapped</c>, stack overflow). Default 512 KiB.</summary>
    public int MaxStackBytes { get; set; } = DefaultMaxStackBytes;

    /// <summary>
    /// Gets or sets whether every NaN a float instruction makes is the one canonical NaN. On (the
    /// default), the same module and inputs give the same bits and digests on x86-64 and arm64; off,
    /// a NaN's payload is the processor's, and a world whose scripts compute NaNs may digest
    /// differently on another architecture. It costs about 1.5× on float-heavy code (5× on some
    /// float loops, measured here), nothing on integer code.
    /// </summary>
    public bool NaNCanonicalization { get; set; } = true;

    /// <summary>
    /// Gets or sets whether an instance's memory maps its module's data from one image shared by
    /// every instance of the module, copied on write (Wasmtime's default), instead of having the data
    /// copied in. Off (the default) costs a copy of the data segments per instantiation and their
    /// pages per instance (a script's data is usually a page or two). On, every instance maps the
    /// same physical pages: on the virtual machine measured here, a page mapped at more than about
    /// 1,100 places cost 4–5 µs at its first touch in each tick instead of 60 ns, which more than
    /// doubled the CPU of a world of 1,800 entities (<c>Benchmarks/README.md</c>, issue 14).
    /// </summary>
    public bool SharedMemoryImages { get; set; }

    /// <summary>
    /// Gets or sets the folder compiled modules are kept in, so that a restart compiles none it
    /// compiled before; null keeps them in memory only. A host keeps them beside its module store.
    /// </summary>
    public string? ArtifactCachePath { get; set; }

    /// <summary>
    /// Gets or sets how long compiling one module in a compiler process (<see cref="CompilerProcess"/>)
    /// may take, from starting the process to its artifact; a module that takes longer is refused.
    /// Cranelift's time grows with a function's nesting (a 3 MB module of a million nested blocks
    /// takes it 12 s), and a compile cannot be stopped inside a process. Default 4.5 s.
    /// </summary>
    public TimeSpan MaxCompileTime { get; set; } = DefaultMaxCompileTime;

    /// <summary>
    /// Gets or sets the most memory (resident bytes) a compiler process may use; a module whose
    /// compile needs more is refused. Default 900 MiB (the million nested blocks need 915 MB).
    /// </summary>
    public long MaxCompileMemoryBytes { get; set; } = DefaultMaxCompileMemoryBytes;

    /// <summary>
    /// Gets or sets how often the engine's epoch advances, the grain of every wall-clock limit. A
    /// call's limit is rounded up to whole intervals. Default 10 ms.
    /// </summary>
    public TimeSpan EpochInterval { get; set; } = TimeSpan.FromMilliseconds(10);
}
