using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Parley.Cluster;
using Parley.Hosting;
using Parley.Streams;

namespace Parley.Health;

/// <summary>
/// <c>/healthz</c>, the process answers (liveness), and <c>/readyz</c>, it can take clients now (the store answers,
/// Redis is connected where used, the node is not stopping): ASP.NET Core's health checks, answered ahead of the rest
/// of the pipeline. So a probe is never rate-limited, logged or refused for its <c>Host</c> (a kubelet probe names the
/// pod's address, which <c>AllowedHosts</c> rarely lists); it tells which of Parley's checks fail, each with Parley's
/// own fixed reason (<see cref="ReadinessReport"/>), never an exception's text. A request that accepts
/// <c>text/event-stream</c> is no probe: it goes on to the seed stream of that nick.
/// </summary>
public static class Probes
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    private const string ReadyTag = "ready";

    /// <summary>No check at all: <c>200 Healthy</c> whenever the process answers.</summary>
    public static HealthCheckOptions Liveness { get; } = new() { Predicate = _ => false };

    /// <summary>Every readiness check; 503 when one fails, with each check's status as JSON.</summary>
    public static HealthCheckOptions Readiness { get; } = new()
    {
        Predicate = registration => registration.Tags.Contains(ReadyTag),
        ResponseWriter = ReadinessReport.WriteAsync,
    };

    public static IServiceCollection AddProbes(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHealthChecks();
        services.AddSingleton<StoreHealthCheck>();
        services.AddSingleton<RedisHealthCheck>();
        services.AddSingleton<DrainHealthCheck>();
        services.AddSingleton<ReadinessReport>();
        services.AddSingleton<IConfigureOptions<HealthCheckServiceOptions>, ReadinessChecks>();

        // Right behind the security headers (which every answer carries), ahead of ASP.NET Core's host filtering.
        var headers = services.Select((service, index) => (service, index))
            .FirstOrDefault(entry => entry.service.ImplementationType == typeof(SecurityHeaders.AheadOfEverything));
        services.Insert(headers.service is null ? 0 : headers.index + 1, ServiceDescriptor.Transient<IStartupFilter, AheadOfHostFiltering>());
        return services;
    }

    private sealed class AheadOfHostFiltering : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // Never a request that accepts an event stream: that is EventSource opening the seed stream of a nick
            // named healthz or readyz, and the seed route answers it. A prober asks for */* or nothing.
            app.UseWhen(context => !context.Request.AcceptsEventStream(), probes => probes
                .UseHealthChecks(LivenessPath, Liveness)
                .UseHealthChecks(ReadinessPath, Readiness));
            next(app);
        };
    }

    /// <summary>The readiness checks this node needs: Redis only where it is used.</summary>
    private sealed class ReadinessChecks(IOptions<HealthOptions> health, ClusterMode cluster) : IConfigureOptions<HealthCheckServiceOptions>
    {
        public void Configure(HealthCheckServiceOptions options)
        {
            Add<StoreHealthCheck>("store");
            if (cluster.SpansNodes)
            {
                Add<RedisHealthCheck>("redis");
            }

            Add<DrainHealthCheck>("streams");

            void Add<T>(string name) where T : IHealthCheck => options.Registrations.Add(
                new HealthCheckRegistration(name, services => services.GetRequiredService<T>(), HealthStatus.Unhealthy, [ReadyTag], health.Value.Timeout));
        }
    }
}
