using WasGo.Host.Http.Errors;

namespace WasGo.Host.Auth;

/// <summary>Puts an endpoint behind a bearer token: 401 without a known token, 403 with one that does not cover it.</summary>
internal static class AccessEndpointExtensions
{
    /// <summary>The route value that names the world a world token must be for.</summary>
    public const string WorldRouteValue = "worldId";

    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(static (context, next) =>
            Check(context, next, static (access, http) => ValueTask.FromResult(access.ForAdmin(http)), "the admin token"));

    public static TBuilder RequireWorldAccess<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(static (context, next) =>
            Check(context, next, static (access, http) => access.ForWorldAsync(http, (string)http.Request.RouteValues[WorldRouteValue]!), "the admin token or this world's token"));

    private static async ValueTask<object?> Check(EndpointFilterInvocationContext context, EndpointFilterDelegate next, Func<ApiAccess, HttpContext, ValueTask<Access>> decide, string needed)
    {
        HttpContext http = context.HttpContext;
        switch (await decide(http.RequestServices.GetRequiredService<ApiAccess>(), http).ConfigureAwait(false))
        {
            case Access.Granted:
                return await next(context).ConfigureAwait(false);
            case Access.Forbidden:
                throw new ApiException(StatusCodes.Status403Forbidden, $"This token does not allow {http.Request.Method} {http.Request.Path}; it needs {needed}.");
            default:
                http.Response.Headers.WWWAuthenticate = "Bearer";
                throw new ApiException(StatusCodes.Status401Unauthorized, $"{http.Request.Method} {http.Request.Path} needs a bearer token ({needed}) in the Authorization header; none was given or it is not known here.");
        }
    }
}
