using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WasGo.Host.Auth;
using WasGo.Host.Cluster;
using WasGo.Host.Commands;
using WasGo.Host.DeadLetters;
using WasGo.Host.Demo;
using WasGo.Host.Hosting;
using WasGo.Host.Http.Health;
using WasGo.Host.Http.Json;
using WasGo.Host.Http.OpenApi;
using WasGo.Host.Http.Worlds;
using WasGo.Host.Metrics;
using WasGo.Host.Modules;
using WasGo.Host.Sandbox;
using WasGo.Host.Worlds;
using WasGo.Scripting;

namespace WasGo.Host.Http;

/// <summary>Registers the worlds, the API's services and their settings.</summary>
internal static class WasGoApiServiceCollectionExtensions
{
    public static IServiceCollection AddWasGoApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HttpOptions>().Bind(configuration.GetSection(HttpOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HttpOptions>, SelfValidatingOptionsValidator<HttpOptions>>();
        services.AddOptions<WorldLimitsOptions>().Bind(configuration.GetSection(WorldLimitsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorldLimitsOptions>, SelfValidatingOptionsValidator<WorldLimitsOptions>>();
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section));
        services.AddOptions<DemoOptions>()
            .Bind(configuration.GetSection(DemoOptions.Section))
            .Validate(static o => ResourceIds.IsValid(o.WorldId), $"{DemoOptions.Section}:WorldId is not a valid world id; use {ResourceIds.Rule}.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<ScriptRuntimeOptions>()
            .Bind(configuration.GetSection(SandboxOptionsValidator.Section))
            // Compiled modules are kept beside the data, so that a restart compiles none it compiled before.
            .PostConfigure<IOptions<StorageOptions>>(static (sandbox, storage) => sandbox.ArtifactCachePath ??= Path.Combine(Path.GetFullPath(storage.Value.DataPath), "artifacts"))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScriptRuntimeOptions>, SandboxOptionsValidator>();
        services.AddSingleton(static provider => new ScriptRuntime(
            provider.GetRequiredService<IOptions<ScriptRuntimeOptions>>().Value,
            new ScriptMetrics(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            CompileModuleCommand.CompilerProcess()));
        services.AddSingleton<ModuleChecker>();
        services.AddSingleton<AdminToken>();
        services.AddSingleton<ApiAccess>();
        services.AddSingleton<DeadLetterLog>();
        services.AddSingleton<WorldCalls>();
        services.AddSingleton<InputFollowers>();
        services.AddSingleton<WorldRecords>();
        services.AddSingleton<WorldDirectory>();

        // Started in this order, after the store and the actor system; stopped in reverse.
        services.AddSingleton<WorldSharding>();
        services.AddHostedService(static provider => provider.GetRequiredService<WorldSharding>());
        services.AddSingleton<ShardMap>();
        services.AddHostedService(static provider => provider.GetRequiredService<WorldDirectory>());
        services.AddHostedService<WorldEventRouter>();
        if (!configuration.GetSection(ClusterOptions.Section).GetValue<bool>(nameof(ClusterOptions.Enabled)))
        {
            services.AddHostedService<DemoWorld>(); // a cluster's nodes would all make it at once
        }

        services.AddSingleton<WorldMailboxes>();
        services.AddHostedService<WorldGauges>();
        services.AddHostedService<ActorSystemGauges>();
        services.AddHostedService<WorldFeedPump>();
        services.AddSingleton<RateHistory>();
        services.AddHostedService(static provider => provider.GetRequiredService<RateHistory>());
        services.AddHostedService<LiveScriptCapacity>();
        services.AddHostedService<StartupBanner>();

        services.ConfigureHttpJsonOptions(static options => options.SerializerOptions.Converters.Add(new ScriptValueJson()));
        services.AddOpenApi(static options => options.AddDocumentTransformer<BearerSecurityTransformer>());
        services.AddHealthChecks().AddCheck<ReadinessCheck>("started", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
