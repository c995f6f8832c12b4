using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Parley.Chat;
using Parley.Protection;
using Parley.Redis;
using Parley.Storage.Redis;
using Parley.Storage.Sqlite;

namespace Parley.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Command-line switches for the settings a first run is most likely to want.</summary>
    public static IDictionary<string, string> Switches { get; } = new Dictionary<string, string>
    {
        ["--store"] = $"{StoreOptions.Section}:{nameof(StoreOptions.Kind)}",
        ["--data-dir"] = $"{StoreOptions.Section}:{nameof(StoreOptions.DataDir)}",
        ["--redis"] = $"{RedisOptions.Section}:{nameof(RedisOptions.Configuration)}",
    };

    public static IServiceCollection AddMessageStore(this IServiceCollection services)
    {
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<RedisConnection>();
        services.AddSingleton<IMessageStore>(provider => CreateStore(provider, provider.GetRequiredService<IOptions<StoreOptions>>().Value));
        services.AddSingleton<ICommitRouting>(provider => provider.GetRequiredService<ChatHub>());

        // The store thread applies the offline quotas. AddProtection registers these options too; registering them
        // once keeps each validation failure from being reported twice at start.
        if (!services.Any(service => service.ServiceType == typeof(IValidateOptions<LimitOptions>)))
        {
            services.AddOptions<LimitOptions>().BindConfiguration(LimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        }

        // Nobody is registered until the accounts feature says otherwise (it registers its own).
        services.TryAddSingleton<IRegisteredNicks, NobodyRegistered>();
        services.AddSingleton<StoreThread>();
        services.AddHostedService(provider => provider.GetRequiredService<StoreThread>());
        services.AddHostedService<RetentionSweep>();
        return services;
    }

    private static IMessageStore CreateStore(IServiceProvider provider, StoreOptions options) => options.Kind switch
    {
        StoreKind.Memory => new MemoryMessageStore(),
        StoreKind.Redis => new RedisMessageStore(provider.GetRequiredService<RedisConnection>(), provider.GetRequiredService<ILogger<RedisMessageStore>>()),
        _ => new SqliteMessageStore(Path.GetFullPath(options.DataDir), provider.GetRequiredService<ILogger<SqliteMessageStore>>()),
    };
}
