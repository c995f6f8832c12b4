using Microsoft.Extensions.Options;

namespace Parley.Streams;

public static class StreamsServiceCollectionExtensions
{
    public static IServiceCollection AddEventStreams(this IServiceCollection services)
    {
        services.AddOptions<StreamOptions>().BindConfiguration(StreamOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StreamDrain>();
        services.AddHostedService<DrainDelay>();
        services.AddHostedService<HeartbeatClock>();
        services.AddHostedService<WaveCompaction>();

        // The drain delay comes before the stop the shutdown timeout is meant for, not out of it.
        services.AddOptions<HostOptions>().Configure<IOptions<StreamOptions>>((host, streams) => host.ShutdownTimeout += streams.Value.DrainDelay);
        services.AddSingleton<EventStreamHost>();
        return services;
    }

    /// <summary>Whether the client asked for an SSE stream, as EventSource does.</summary>
    public static bool AcceptsEventStream(this HttpRequest request)
    {
        foreach (var accept in request.Headers.Accept)
        {
            if (accept is not null && accept.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
