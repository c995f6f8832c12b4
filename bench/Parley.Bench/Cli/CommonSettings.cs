namespace Parley.Bench.Cli;

/// <summary>Which wire protocol the target speaks.</summary>
internal enum TargetProtocol
{
    /// <summary>The seed's: <c>GET /{nick}</c> streams, <c>GET /msg/{from}/{to}%20{text}</c> sends (Parley, the PHP seed).</summary>
    Seed,

    /// <summary>Nchan's pub/sub: <c>GET /sub/{channel}</c> as an event stream, <c>POST /pub/{channel}</c> publishes.</summary>
    Nchan,
}

/// <summary>The options every mode shares: where the server is, what to call it, and where results go.</summary>
internal sealed record CommonSettings(
    Uri Url,
    TargetProtocol Protocol,
    int? ServerPid,
    string ServerName,
    int Round,
    string? JsonPath,
    TimeSpan DurationLimit)
{
    public static CommonSettings From(BenchArgs args)
    {
        var urlText = args.Text("url", "http://127.0.0.1:8000");
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp)
        {
            throw new BenchUsageException($"--url must be an absolute http:// address, got '{urlText}'");
        }

        var pid = args.Int("server-pid", 0, min: 0);
        return new CommonSettings(
            url,
            args.Choice("protocol", TargetProtocol.Seed),
            pid == 0 ? null : pid,
            args.Text("server-name", "server"),
            args.Int("round", 1, min: 1),
            args.Text("json"),
            TimeSpan.FromSeconds(args.Double("duration-limit", 300, min: 1)));
    }
}
