namespace WasGo.Wasm.Wasi.Preview1;

/// <summary>The preview1 <c>rights</c> bits the standard streams hold.</summary>
internal static class WasiRights
{
    /// <summary><c>fd_read</c>.</summary>
    public const long FdRead = 1L << 1;

    /// <summary><c>fd_write</c>.</summary>
    public const long FdWrite = 1L << 6;

    /// <summary><c>poll_fd_readwrite</c>.</summary>
    public const long PollFdReadWrite = 1L << 27;

    /// <summary>Standard input: read and poll.</summary>
    public const long StandardInput = FdRead | PollFdReadWrite;

    /// <summary>Standard output and error: write and poll.</summary>
    public const long StandardOutput = FdWrite | PollFdReadWrite;

    /// <summary>The <c>filetype</c> of the standard streams: <c>character_device</c>.</summary>
    public const byte CharacterDevice = 2;
}
