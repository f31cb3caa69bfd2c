namespace WasGo.Scripting;

/// <summary>The limits of ABI v1 (see <c>Sdk/ABI.md</c>); going past one is a defined error, never a crash.</summary>
public static class AbiLimits
{
    /// <summary>The largest string or bytes value.</summary>
    public const int MaxValueBytes = 64 * 1024;

    /// <summary>The most columns in a state row.</summary>
    public const int MaxColumns = 256;

    /// <summary>The largest encoded state row.</summary>
    public const int MaxRowBytes = 1024 * 1024;

    /// <summary>The longest column name, in UTF-8 bytes.</summary>
    public const int MaxColumnNameBytes = 64;

    /// <summary>The most outgoing messages, signals and timer changes of one call.</summary>
    public const int MaxOutgoing = 64;

    /// <summary>The most staged arguments of one outgoing message.</summary>
    public const int MaxStagedArguments = 64;
}
