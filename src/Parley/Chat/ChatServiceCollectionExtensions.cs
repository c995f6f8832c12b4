using Parley.Cluster;
using Parley.Diagnostics;

namespace Parley.Chat;

public static class ChatServiceCollectionExtensions
{
    public static IServiceCollection AddChat(this IServiceCollection services)
    {
        services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ChatMetrics>();
        services.AddSingleton<ClusterMode>();
        services.AddSingleton<ChatHub>();
        services.AddSingleton<MessageIntake>();
        services.AddHealthChecks();
        return services;
    }
}
