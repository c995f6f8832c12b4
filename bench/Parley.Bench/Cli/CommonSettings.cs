namespace Parley.Bench.Cli;

/// <summary>Which wire protocol the target speaks.</summary>
internal enum TargetProtocol
{
    /// <summary>The seed's: <c>GET /{nick}</c> streams, <c>GET /msg/{from}/{to}%20{text}</c> sends (Parley, the PHP seed).</summary>
    Seed,

    /// <summary>Nchan's pub/sub: <c>GET /sub/{channel}</c> as an event stream, <c>POST /pub/{channel}</c> publishes.</summary>
    Nchan,

    /// <summary>
    /// Parley's own JSON API: <c>GET /api/events?nick={nick}</c> streams with the nick's guest session cookie (from
    /// <c>POST /api/session</c>), events named by <c>event:</c> with JSON in <c>data:</c>. Broadcasts go through the seed's
    /// send route, since both protocols read one chat. Only <c>idle</c> speaks it.
    /// </summary>
    Json,
}

/// <summary>
/// The options every mode shares: where the server is, what to call it, and where results go. <c>--url</c> and
/// <c>--server-pid</c> take comma-separated lists, since one option may be given only once: fanout spreads its load
/// over several nodes of one chat, and CPU and memory are summed over every process listed.
/// </summary>
internal sealed record CommonSettings(
    IReadOnlyList<Uri> Urls,
    TargetProtocol Protocol,
    IReadOnlyList<int> ServerPids,
    string ServerName,
    int Round,
    string? JsonPath,
    TimeSpan DurationLimit)
{
    /// <summary>The first server: the only one, in every mode but fanout.</summary>
    public Uri Url => Urls[0];

    public static CommonSettings From(BenchArgs args) => new(
        ParseUrls(args.Text("url", "http://127.0.0.1:8000")),
        args.Choice("protocol", TargetProtocol.Seed),
        args.IntList("server-pid", min: 1),
        args.Text("server-name", "server"),
        args.Int("round", 1, min: 1),
        args.Text("json"),
        TimeSpan.FromSeconds(args.Double("duration-limit", 300, min: 1)));

    internal static IReadOnlyList<Uri> ParseUrls(string text) =>
    [
        .. text.Split(',', StringSplitOptions.TrimEntries).Select(item =>
            Uri.TryCreate(item, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttp
                ? url
                : throw new BenchUsageException($"--url must be absolute http:// addresses, separated by commas, got '{item}'")),
    ];
}
