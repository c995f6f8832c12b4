using Parley.Chat;
using Parley.Cluster;
using Parley.Cluster.Redis;

namespace Parley.Moderation;

public static class ModerationServiceCollectionExtensions
{
    /// <summary>Admins, bans, kicks and deletions; after <c>AddMessageStore</c>, whose thread loads the bans.</summary>
    public static IServiceCollection AddModeration(this IServiceCollection services)
    {
        services.AddOptions<ModerationOptions>().BindConfiguration(ModerationOptions.Section).ValidateDataAnnotations()
            .Validate(options => options.Admins.All(Nick.IsValid), $"every nick in {ModerationOptions.Section}:Admins must follow the nick rule: {Nick.Rule}")
            .ValidateOnStart();
        services.AddSingleton<Admins>();
        services.AddHostedService<AdminAccountCheck>();
        services.AddSingleton<BanList>();
        services.AddHostedService(provider => provider.GetRequiredService<BanList>());
        services.AddSingleton<Moderator>();
        services.AddSingleton<NoModerationPeers>();
        services.AddSingleton<RedisModeration>();
        services.AddSingleton<IModerationBackplane>(provider => provider.GetRequiredService<ClusterMode>().SpansNodes
            ? provider.GetRequiredService<RedisModeration>()
            : provider.GetRequiredService<NoModerationPeers>());
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ModerationJsonContext.Default));
        return services;
    }

    /// <summary>The ban gate (after authentication: an admin passes it) and the admin API.</summary>
    public static WebApplication UseModeration(this WebApplication app)
    {
        app.UseBanGate();
        app.MapModeration();
        return app;
    }
}
