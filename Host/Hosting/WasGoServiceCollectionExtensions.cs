using Akka.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WasGo.Actors.Logging;
using WasGo.Actors.Serialization;
using WasGo.Cluster;
using WasGo.Persistence;
using WasGo.Host.Cluster;
using WasGo.Host.Metrics;

namespace WasGo.Host.Hosting;

/// <summary>Registers the WasGo host's parts with the Generic Host.</summary>
internal static class WasGoServiceCollectionExtensions
{
    /// <summary>The configuration section of the storage settings.</summary>
    public const string StorageSection = "WasGo:Storage";

    /// <summary>Adds the embedded store, the actor system, their settings (validated at start) and graceful shutdown.</summary>
    public static IServiceCollection AddWasGo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<HostMetrics>();
        services.AddOptions<ClusterOptions>().Bind(configuration.GetSection(ClusterOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>();

        // Registered first: started before the actors, stopped after them.
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageSection))
            .Validate(static o => !string.IsNullOrWhiteSpace(o.DataPath), StorageSection + ":DataPath is empty; set the folder for the embedded database.")
            .ValidateOnStart();
        services.AddSingleton<StorageHostedService>();
        services.AddSingleton(static provider => provider.GetRequiredService<StorageHostedService>().Store);
        services.AddHostedService(static provider => provider.GetRequiredService<StorageHostedService>());

        services.AddOptions<ActorsOptions>()
            .Bind(configuration.GetSection(ActorsOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ActorsOptions>, SelfValidatingOptionsValidator<ActorsOptions>>();
        services.AddAkka(ClusterOptions.SystemName, static (builder, provider) =>
        {
            ActorsOptions actors = provider.GetRequiredService<IOptions<ActorsOptions>>().Value;
            ClusterOptions cluster = provider.GetRequiredService<IOptions<ClusterOptions>>().Value;
            ILoggerFactory loggers = provider.GetRequiredService<ILoggerFactory>();
            builder
                .AddHocon(actors.ToHocon(), HoconAddMode.Prepend)
                .ConfigureLoggers(setup =>
                {
                    setup.ClearLoggers();
                    setup.AddLoggerFactory(loggers);

                    // Akka's level from the host's own filter for "Akka" (Warning by default): Akka then does
                    // not make the lines at all, not even those it writes to the console as it shuts down.
                    setup.LogLevel = AkkaLogLevel(loggers.CreateLogger("Akka"));
                })
                .AddSetup(new LoggerFactorySetup(loggers))
                .WithWorldSerializers()
                .WithWasGoPersistence(cluster.Enabled
                    ? JournalDatabase.PostgreSql(cluster.PostgreSql!)
                    : JournalDatabase.Sqlite(provider.GetRequiredService<IOptions<StorageOptions>>().Value.DatabasePath))
                .WithWasGoCluster(cluster.ToNodeSettings())
                .WithWorldSharding<WorldRegion, ShardedWorld>(cluster.ShardCount);
        });
        services.AddHostedService<ActorSystemLifecycle>();

        // Stopping waits for every actor; the host must allow it a little more than the actors' own limit.
        services.AddOptions<HostOptions>()
            .Configure<IOptions<ActorsOptions>>((host, actors) => host.ShutdownTimeout = actors.Value.ShutdownTimeout + TimeSpan.FromSeconds(5));
        return services;
    }

    private static Akka.Event.LogLevel AkkaLogLevel(ILogger akka) =>
        akka.IsEnabled(LogLevel.Debug) ? Akka.Event.LogLevel.DebugLevel
        : akka.IsEnabled(LogLevel.Information) ? Akka.Event.LogLevel.InfoLevel
        : akka.IsEnabled(LogLevel.Warning) ? Akka.Event.LogLevel.WarningLevel
        : Akka.Event.LogLevel.ErrorLevel;
}
