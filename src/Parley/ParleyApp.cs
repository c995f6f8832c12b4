using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Accounts;
using Parley.Api;
using Parley.Chat;
using Parley.Cluster;
using Parley.Diagnostics;
using Parley.Health;
using Parley.Hosting;
using Parley.Moderation;
using Parley.Page;
using Parley.Protection;
using Parley.Seed;
using Parley.Storage;
using Parley.Streams;

namespace Parley;

/// <summary>
/// Builds the Parley server. <c>Program</c>, the tests and the load tool all start it through here, so
/// what they run is what ships.
/// </summary>
public static class ParleyApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddParleyDefaults();
        builder.Configuration.AddCommandLine(args, StorageServiceCollectionExtensions.Switches);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        // Run request code on the socket's I/O thread instead of queueing it to the thread pool: every handler
        // here is short and never blocks (the hub's lock is held for a routing step only), and the hop to the
        // pool was a large share of the CPU per request in bench/run.sh's static and send modes.
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSystemdNotifications();
        builder.Services.AddProblemDetails(ProblemDefaults.Describe);
        builder.Services.AddChat();
        builder.Services.AddProtection();
        builder.Services.AddMessageStore();
        builder.Services.AddAccounts();
        builder.Services.AddModeration();
        builder.Services.AddCluster();
        builder.Services.AddEventStreams();
        builder.Services.AddSeedProtocol();
        builder.Services.AddChatApi();
        builder.Services.AddRequestLimitsFromChatOptions();
        builder.Services.AddWebSecurity();
        builder.Services.AddProbes();
        configure?.Invoke(builder);
        builder.AddParleyMetrics(); // after the caller's configuration: it reads whether metrics are on

        // Ahead of all this: the security headers, then ASP.NET Core's host filtering (startup filters; AddWebSecurity).
        var app = builder.Build();
        app.UseForwardedAddresses();
        app.UseCrossOriginSharing();
        app.UsePageFromMemory();
        app.UseStatusCodePages();
        app.UseBodyRefusals();
        app.UseChatPage();

        // Routing after the page: /{nick} would otherwise claim /chat.js before the static files see it.
        app.UseRouting();
        app.UseCrossSiteRefusal();
        app.UseSessionAuthentication();
        app.UseModeration();
        app.MapChatApi();
        app.MapSeedProtocol();
        app.MapParleyMetrics();
        return app;
    }
}
