namespace Parley.Bench.Report;

/// <summary>The server names bench/run.sh gives <c>--server-name</c>, and which peer each mode is held against.</summary>
internal static class Servers
{
    /// <summary>Parley as it ships: every message stored in SQLite before a send is answered.</summary>
    public const string Parley = "parley";

    /// <summary>The same build with <c>--store memory</c>: beside <see cref="Parley"/>, it shows what storing costs.</summary>
    public const string ParleyMemory = "parley-memory";

    public const string Nginx = "nginx";
    public const string Nchan = "nchan";

    public static string Display(string server) => server switch
    {
        Parley => "Parley",
        ParleyMemory => "Parley in memory",
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
