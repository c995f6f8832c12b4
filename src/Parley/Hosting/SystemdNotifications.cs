using Microsoft.Extensions.Hosting.Systemd;

namespace Parley.Hosting;

/// <summary>
/// Under systemd (deploy/systemd/parley.service, <c>Type=notify</c>) the host tells systemd when Parley listens
/// (<c>READY=1</c>) and when it begins to stop (<c>STOPPING=1</c>), so <c>systemctl start</c> returns once the chat
/// answers and units ordered after it start then. Elsewhere (a terminal, a container without a notify socket, the tests)
/// nothing changes.
/// </summary>
internal static class SystemdNotifications
{
    /// <summary>
    /// <c>AddSystemd</c>'s lifetime and notifier without its switch of the console log to systemd's format: that switch
    /// would override <c>Logging:Console:FormatterName</c> even where an operator chose <c>json</c>. The unit picks the
    /// format in configuration instead.
    /// </summary>
    public static IServiceCollection AddSystemdNotifications(this IServiceCollection services)
    {
        if (SystemdHelpers.IsSystemdService())
        {
            services.AddSingleton<ISystemdNotifier, SystemdNotifier>();
            services.AddSingleton<IHostLifetime, SystemdLifetime>();
        }

        return services;
    }
}
