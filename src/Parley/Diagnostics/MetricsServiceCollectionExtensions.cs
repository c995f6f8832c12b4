using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Parley.Chat;

namespace Parley.Diagnostics;

/// <summary>
/// Metrics through OpenTelemetry: Parley's own meter, ASP.NET Core's and the runtime's, in one pipeline that
/// OpenTelemetry's Prometheus exporter serves at <c>GET /metrics</c>. That exporter is still a pre-release
/// (1.20.1-beta.1); prometheus-net 8 is stable but would be a second pipeline beside OpenTelemetry's instrumentation,
/// and its own names and units rather than the semantic conventions' (see README "Running it").
/// </summary>
public static class MetricsServiceCollectionExtensions
{
    private static readonly string[] AspNetCoreMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.MemoryPool",
    ];

    // OpenTelemetry sets aside room for 2,000 series per instrument up front: 7 MB for Parley's 50 instruments, a third
    // of the process at rest beside nginx. Parley's tags (routes, reasons, formats) make tens of series, not thousands.
    private static readonly MetricStreamConfiguration BoundedSeries = new() { CardinalityLimit = 200 };

    public static WebApplicationBuilder AddParleyMetrics(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ChatMetrics>();
        services.TryAddSingleton<StoreMetrics>();
        services.TryAddSingleton<LimitMetrics>();
        if (!builder.Configuration.GetValue(MetricsOptions.Section + ":" + nameof(MetricsOptions.Enabled), defaultValue: true))
        {
            return builder;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("parley"))
            .WithMetrics(metrics => metrics
                .AddMeter(ChatMetrics.MeterName)

                // ASP.NET Core's own meters, as OpenTelemetry's AspNetCore instrumentation adds them on .NET 8 and later,
                // without its middleware: that one only tags exceptions, and an open stream kept its state for its life.
                .AddMeter(AspNetCoreMeters)
                .AddRuntimeInstrumentation()

                // No cached answer: Prometheus scrapes every few seconds, and a test reads what it just did.
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, MetricsEndpointPolicy>());

        // A listener hears every meter of a name in the process. Where one process hosts several servers (the tests, the
        // load tool), each reports what its own meter factory made, and what is process-wide (the runtime's meter).
        services.ConfigureOpenTelemetryMeterProvider((provider, metrics) =>
        {
            var own = provider.GetRequiredService<IMeterFactory>();
            metrics.AddView(instrument => instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, own)
                ? BoundedSeries
                : MetricStreamConfiguration.Drop);
        });
        return builder;
    }

    /// <summary>
    /// Serves <c>GET /metrics</c> in Prometheus's text format (OpenMetrics when asked for), unless disabled, on
    /// <c>Parley:Metrics:Port</c> if one is named, never to an event-stream request (<see cref="MetricsEndpointPolicy"/>).
    /// No limit, log line or cross-site check applies to it; its own requests are left out of the HTTP metrics.
    /// </summary>
    public static WebApplication MapParleyMetrics(this WebApplication app)
    {
        app.Services.GetRequiredService<ChatMetrics>().ObserveHub(app.Services.GetRequiredService<ChatHub>());
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MetricsOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        app.MapPrometheusScrapingEndpoint().DisableHttpMetrics().WithMetadata(MetricsEndpointMetadata.Instance);
        return app;
    }
}
