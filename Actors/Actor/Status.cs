namespace WasGo.Actors;

/// <summary>The outcome messages of an operation, as <see cref="AskExtensions.PipeTo"/> sends them.</summary>
public static class Status
{
    /// <summary>The operation succeeded.</summary>
    /// <param name="Result">What it produced, if anything.</param>
    public sealed record Success(object? Result);

    /// <summary>
    /// The operation failed. An <see cref="AskExtensions.Ask{T}"/> that receives it fails with the cause.
    /// </summary>
    /// <param name="Cause">Why it failed.</param>
    public sealed record Failure(Exception Cause);
}
