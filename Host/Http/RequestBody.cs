using System.Buffers;
using System.Globalization;
using System.Text.Json;
using WasGo.Host.Http.Errors;
using WasGo.Host.Http.Json;

namespace WasGo.Host.Http;

/// <summary>Reads a request body within a size limit: an oversized body is 413, malformed JSON (or a string in it that is not text) 400 with where it broke.</summary>
internal static class RequestBody
{
    /// <summary>Reads the whole body, refusing it with 413 as soon as it passes <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, long maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(request.ContentLength.Value, maxBytes);
        }

        using var buffer = new MemoryStream();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw TooLarge(buffer.Length + read, maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads the body as one JSON object.</summary>
    public static async Task<JsonDocument> ReadJsonObjectAsync(HttpRequest request, long maxBytes) =>
        await ReadOptionalJsonObjectAsync(request, maxBytes).ConfigureAwait(false)
            ?? throw ApiException.BadRequest("The request has no body; send a JSON object.");

    /// <summary>Reads the body as one JSON object, or null if the body is empty.</summary>
    public static async Task<JsonDocument?> ReadOptionalJsonObjectAsync(HttpRequest request, long maxBytes)
    {
        byte[] bytes = await ReadBytesAsync(request, maxBytes).ConfigureAwait(false);
        if (bytes.Length == 0)
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException malformed)
        {
            // The parser's message ends with its own zero-based position, which the line and byte before it already say.
            string reason = malformed.Message.Split(" LineNumber:")[0];
            throw ApiException.BadRequest(string.Create(CultureInfo.InvariantCulture, $"The body is not valid JSON (line {malformed.LineNumber + 1}, byte {malformed.BytePositionInLine + 1}): {reason}"));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw ApiException.BadRequest("The body is JSON but not an object; send a JSON object.");
        }

        if (JsonText.ProblemIn(document.RootElement) is { } notText)
        {
            document.Dispose();
            throw ApiException.BadRequest(notText);
        }

        return document;
    }

    private static ApiException TooLarge(long size, long maxBytes) =>
        ApiException.TooLarge(string.Create(CultureInfo.InvariantCulture, $"The body has at least {size} bytes; this host accepts at most {maxBytes} (WasGo:Http limits)."));
}
