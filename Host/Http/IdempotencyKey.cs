using WasGo.Actors.Worlds;
using WasGo.Host.Http.Errors;

namespace WasGo.Host.Http;

/// <summary>
/// The <c>Idempotency-Key</c> request header (the IETF HTTP API working group's draft): a client
/// that sends an input again with the same key — after a timeout, or a 503 while the world moves —
/// gets the first answer, and the input takes effect once. The world journals the key with the input.
/// </summary>
internal static class IdempotencyKey
{
    /// <summary>The header's name.</summary>
    public const string Header = "Idempotency-Key";

    /// <summary>Wraps <paramref name="input"/> with the request's key, if it has one.</summary>
    /// <param name="request">The request.</param>
    /// <param name="input">A spawn, call, despawn or tick rate.</param>
    /// <returns>The input, or an <see cref="IdempotentInput"/> carrying it and the key.</returns>
    /// <exception cref="ApiException">400: the header is given twice, or its value is not a key.</exception>
    public static object Wrap(HttpRequest request, object input)
    {
        if (!request.Headers.TryGetValue(Header, out Microsoft.Extensions.Primitives.StringValues values))
        {
            return input;
        }

        if (values.Count != 1)
        {
            throw ApiException.BadRequest($"The {Header} header is given {values.Count} times; give it once.");
        }

        string key = values[0]!;
        return IdempotentInput.KeyProblem(key) is { } problem
            ? throw ApiException.BadRequest($"The {Header} header is not a key: {problem}")
            : new IdempotentInput(key, input);
    }
}
