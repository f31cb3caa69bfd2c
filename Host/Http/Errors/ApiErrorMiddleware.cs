using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace WasGo.Host.Http.Errors;

/// <summary>
/// Answers an <see cref="ApiException"/> with an RFC 9457 problem of its status and message, and a
/// database that cannot be reached (a cluster's PostgreSQL restarting) with 503 and a retry hint,
/// so a client knows to try again rather than that the host broke.
/// </summary>
internal sealed class ApiErrorMiddleware(RequestDelegate next)
{
    private const string RetryAfterSeconds = "1";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (ApiException refused) when (!context.Response.HasStarted)
        {
            if (refused.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await WriteProblemAsync(context, refused.StatusCode, refused.Message, refused.Code).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException unreachable) when (!context.Response.HasStarted)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            await WriteProblemAsync(context, StatusCodes.Status503ServiceUnavailable, $"The database cannot be reached just now ({unreachable.Message}); try again in a moment.").ConfigureAwait(false);
        }
    }

    /// <summary>Writes a problem response: the status, its reason phrase as title, and the detail.</summary>
    public static Task WriteProblemAsync(HttpContext context, int statusCode, string detail, string? code = null)
    {
        context.Response.StatusCode = statusCode;
        var problem = new ProblemDetails
        {
            Status = statusCode,
            Title = ReasonPhrases.GetReasonPhrase(statusCode),
            Detail = detail,
        };
        if (code is not null)
        {
            problem.Extensions["code"] = code;
        }

        return context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json", context.RequestAborted);
    }
}
