namespace WasGo.Wasm.Wasi.Preview1;

/// <summary>The preview1 <c>errno</c> values this implementation returns (numbers from wasi_snapshot_preview1.witx).</summary>
internal static class WasiErrno
{
    /// <summary>No error.</summary>
    public const int Success = 0;

    /// <summary>Bad file descriptor: not open.</summary>
    public const int BadF = 8;

    /// <summary>A guest pointer (or a range it starts) lies outside linear memory.</summary>
    public const int Fault = 21;

    /// <summary>Invalid argument (an unknown clock, too many iovecs).</summary>
    public const int Inval = 28;

    /// <summary>Function not supported here.</summary>
    public const int NoSys = 52;

    /// <summary>Not a directory: a path operation on a standard stream.</summary>
    public const int NotDir = 54;

    /// <summary>Not a socket: a socket operation on a standard stream.</summary>
    public const int NotSock = 57;

    /// <summary>Invalid seek: the standard streams cannot seek.</summary>
    public const int SPipe = 70;

    /// <summary>The descriptor lacks the right for the operation.</summary>
    public const int NotCapable = 76;
}
