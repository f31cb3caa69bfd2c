namespace WasGo.Host.Worlds;

/// <summary>A client of an input feed did not take its frames as fast as its world made them, and was dropped.</summary>
internal sealed class FellBehindException : Exception
{
    public FellBehindException()
        : base("The client fell behind its world's input feed; reconnect for a fresh start.")
    {
    }
}
