namespace Parley.Hosting;

/// <summary>What the server decided at start about who may reach it. Event ids are stable.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 60, Level = LogLevel.Information, Message = "Answering requests for Host {AllowedHosts} only (from the listen addresses {Urls}; setting AllowedHosts)")]
    public static partial void HostsAllowed(ILogger logger, IEnumerable<string> allowedHosts, IEnumerable<string> urls);

    [LoggerMessage(EventId = 61, Level = LogLevel.Warning, Message = "Answering requests for any Host: {Urls} listens on every address, so this server's name is not known and a DNS-rebinding page is not refused; set AllowedHosts to the server's names")]
    public static partial void AnyHostAllowed(ILogger logger, IEnumerable<string> urls);

    [LoggerMessage(EventId = 62, Level = LogLevel.Information, Message = "Believing X-Forwarded-For and X-Forwarded-Proto from proxies {KnownProxies} and networks {KnownNetworks} only (settings Parley:Security:KnownProxies, KnownNetworks)")]
    public static partial void ProxiesTrusted(ILogger logger, IEnumerable<string> knownProxies, IEnumerable<string> knownNetworks);
}
