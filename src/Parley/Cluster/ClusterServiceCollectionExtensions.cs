using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Chat;
using Parley.Cluster.Redis;
using Parley.Storage;

namespace Parley.Cluster;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// One node by default; with <c>--store redis</c> the Redis presence, message feed and claims replace the
    /// in-process ones, as SignalR's <c>AddStackExchangeRedis</c> replaces its default lifetime manager. Chosen when first
    /// resolved, so configuration added after this call (a test's) still decides.
    /// </summary>
    public static IServiceCollection AddCluster(this IServiceCollection services)
    {
        services.AddSingleton<SingleNode>();
        services.AddSingleton<NoOtherNodes>();
        services.AddSingleton<NodeIdentity>();
        services.AddSingleton<RedisPresence>();
        services.AddSingleton<PresenceFeed>();
        services.AddSingleton<MessageFeed>();
        services.AddSingleton<NodeHeartbeat>();
        services.AddSingleton<RedisClaims>();
        services.AddSingleton<SharedCommitRouting>();

        services.AddSingleton<IChatBackplane>(provider => SpansNodes(provider)
            ? provider.GetRequiredService<RedisPresence>()
            : provider.GetRequiredService<SingleNode>());
        services.AddSingleton<IClaimsBackplane>(provider => SpansNodes(provider)
            ? provider.GetRequiredService<RedisClaims>()
            : provider.GetRequiredService<NoOtherNodes>());
        services.Replace(ServiceDescriptor.Singleton<ICommitRouting>(provider => SpansNodes(provider)
            ? provider.GetRequiredService<SharedCommitRouting>()
            : provider.GetRequiredService<ChatHub>()));

        // After the store thread and the accounts: the feeds read through the one and into the other.
        services.AddHostedService<RedisNode>();
        return services;
    }

    private static bool SpansNodes(IServiceProvider provider) => provider.GetRequiredService<ClusterMode>().SpansNodes;
}
