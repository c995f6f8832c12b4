namespace Parley.Diagnostics;

/// <summary>The <c>/metrics</c> endpoint, bound from <c>Parley:Metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Parley:Metrics";

    /// <summary>
    /// On by default: what it tells (streams, nicks online, message and refusal rates) is about as public as the online
    /// list already is, and a scraper needs no setup on the server. Off, the endpoint is gone and nothing is collected.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Hosts (with a port, or <c>*:9464</c> for a port on every host) that /metrics answers on; none means every host
    /// Parley answers. Naming a port of its own, added to <c>Urls</c>, keeps /metrics off the public port.
    /// </summary>
    public string[] Hosts { get; set; } = [];
}
