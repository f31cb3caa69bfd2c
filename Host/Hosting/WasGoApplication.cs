using WasGo.Host.Http;
using WasGo.Host.Telemetry;

namespace WasGo.Host.Hosting;

/// <summary>Builds the <c>wasgo run</c> host: the Generic Host's configuration (appsettings.json, environment, arguments), the WasGo parts, Kestrel and the API.</summary>
internal static class WasGoApplication
{
    /// <summary>Builds the host.</summary>
    /// <param name="args">Configuration arguments (<c>--WasGo:Storage:DataPath=…</c>, <c>--urls=…</c>).</param>
    /// <param name="configure">A last change before it is built (tests put the test server in).</param>
    /// <returns>The host, not started.</returns>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddWasGo(builder.Configuration);
        builder.Services.AddWasGoApi(builder.Configuration);
        builder.Services.AddWasGoTelemetry(builder.Configuration);
        configure?.Invoke(builder);
        WebApplication app = builder.Build();
        app.MapWasGo();
        return app;
    }
}
