namespace Parley.Bench.Report;

/// <summary>The server names bench/run.sh gives <c>--server-name</c>, and which peer each mode is held against.</summary>
internal static class Servers
{
    public const string Parley = "parley";
    public const string Nginx = "nginx";
    public const string Nchan = "nchan";

    public static string Display(string server) => server switch
    {
        Parley => "Parley",
        Nginx => "nginx",
        Nchan => "Nchan",
        _ => server,
    };

    /// <summary>nginx serves the same page bytes for <c>static</c>; Nchan is the pub/sub peer for everything else.</summary>
    public static string PeerOf(string mode) => mode == "static" ? Nginx : Nchan;

    /// <summary>Parley first, then the mode's peer, then any other server by name.</summary>
    public static IReadOnlyList<string> InColumnOrder(string mode, IEnumerable<string> servers) =>
    [
        .. servers.Distinct(StringComparer.Ordinal)
            .OrderBy(s => s == Parley ? 0 : s == PeerOf(mode) ? 1 : 2)
            .ThenBy(s => s, StringComparer.Ordinal),
    ];
}
