namespace WasGo.Host.Dashboard;

/// <summary>
/// <c>/dashboard</c>: one plain HTML page with its script and style, embedded in <c>wasgo</c> (no
/// build step). It signs in with a token from the link (<c>#token=…</c>) or typed in, and reads the
/// same API and feeds as any client.
/// </summary>
internal static class DashboardEndpoints
{
    private static readonly Dictionary<string, string> s_files = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["app.js"] = "text/javascript; charset=utf-8",
        ["app.css"] = "text/css; charset=utf-8",
    };

    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", () => Results.Redirect("/dashboard")).ExcludeFromDescription();
        routes.MapGet("/dashboard", () => File("index.html")).ExcludeFromDescription();
        routes.MapGet("/dashboard/{file}", (string file) => s_files.ContainsKey(file) ? File(file) : Results.NotFound()).ExcludeFromDescription();
        return routes;
    }

    private static IResult File(string name) =>
        Results.Stream(
            typeof(DashboardEndpoints).Assembly.GetManifestResourceStream("WasGo.Host.Dashboard." + name)!,
            s_files[name]);
}
