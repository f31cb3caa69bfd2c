using WasGo.Host.Worlds;

namespace WasGo.Host.Auth;

/// <summary>
/// Decides what a bearer token allows: the admin token everything, a world's token that world's
/// calls, state and feed. Browsers cannot set headers on a WebSocket, so a feed may also carry the
/// token as <c>access_token</c> in its query, as SignalR's clients do.
/// </summary>
internal sealed class ApiAccess(AdminToken admin, WorldDirectory worlds)
{
    private const string QueryToken = "access_token";

    public Access ForAdmin(HttpContext context) => TokenOf(context) switch
    {
        null => Access.Unauthenticated,
        string token when admin.Matches(token) => Access.Granted,
        string token when worlds.IsWorldToken(token) => Access.Forbidden,
        _ => Access.Unauthenticated,
    };

    /// <summary>Decides a world's request; a world another cluster node created is looked up first, so that the request finds it too.</summary>
    public async ValueTask<Access> ForWorldAsync(HttpContext context, string worldId)
    {
        string? token = TokenOf(context);
        if (token is null)
        {
            return Access.Unauthenticated;
        }

        HostedWorld? world = await worlds.FindAsync(worldId, context.RequestAborted).ConfigureAwait(false);
        if (admin.Matches(token) || world is not null && world.AcceptsToken(token))
        {
            return Access.Granted;
        }

        return worlds.IsWorldToken(token) ? Access.Forbidden : Access.Unauthenticated;
    }

    /// <summary>Gets the worlds whose token the request carries (none for the admin token, or none at all).</summary>
    public IReadOnlyList<HostedWorld> WorldsOf(HttpContext context) =>
        TokenOf(context) is { } token ? [.. worlds.All.Where(w => w.AcceptsToken(token))] : [];

    private static string? TokenOf(HttpContext context)
    {
        string? header = context.Request.Headers.Authorization;
        if (header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            string token = header["Bearer ".Length..].Trim();
            return token.Length > 0 ? token : null;
        }

        return context.WebSockets.IsWebSocketRequest && context.Request.Query.TryGetValue(QueryToken, out var query) && !string.IsNullOrEmpty(query)
            ? query.ToString()
            : null;
    }
}
