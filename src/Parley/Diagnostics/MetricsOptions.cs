using System.ComponentModel.DataAnnotations;

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
    /// The local port that /metrics answers on, one Parley also listens on (added to <c>Urls</c>); none means every port.
    /// It is the port the connection arrived on, not the <c>Host</c> header, which a client writes as it likes: a request
    /// to the public port gets the path's ordinary answer whatever it names as its host.
    /// </summary>
    [Range(1, 65535)]
    public int? Port { get; set; }
}
