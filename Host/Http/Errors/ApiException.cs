namespace WasGo.Host.Http.Errors;

/// <summary>
/// A request the API refuses, with the HTTP status and a message that says what was wrong and what
/// to do. <see cref="ApiErrorMiddleware"/> turns it into a problem response; the host keeps running.
/// </summary>
internal sealed class ApiException(int statusCode, string message, string? code = null) : Exception(message)
{
    /// <summary>Gets the HTTP status of the response.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>Gets the ABI's error code of a failed script call (<c>unknown_method</c>, <c>trapped</c>, …), if that is what failed.</summary>
    public string? Code { get; } = code;

    /// <summary>Gets or sets when the client may try again (the <c>Retry-After</c> header), if the refusal is temporary.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static ApiException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    public static ApiException NotFound(string message) => new(StatusCodes.Status404NotFound, message);

    public static ApiException Conflict(string message) => new(StatusCodes.Status409Conflict, message);

    public static ApiException TooLarge(string message) => new(StatusCodes.Status413PayloadTooLarge, message);
}
