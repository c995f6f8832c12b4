using System.Text.RegularExpressions;
using Parley.Streams;

namespace Parley.Tests.Deploy;

/// <summary>deploy/nginx/parley.conf read as committed: what a test through nginx cannot show in a few seconds.</summary>
public sealed partial class NginxConfigTests
{
    [Fact]
    public void The_proxy_waits_longer_for_a_quiet_stream_than_parleys_heartbeat_interval()
    {
        // A stream that carried nothing for proxy_read_timeout is closed by nginx; Parley writes a comment after the
        // heartbeat interval of silence, so a quiet stream never reaches the timeout.
        var readTimeout = TimeSpan.FromSeconds(int.Parse(Assert.Single(ReadTimeout().Matches(NginxProxy.Committed)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(readTimeout > new StreamOptions().HeartbeatInterval * 2, $"proxy_read_timeout {readTimeout} leaves no room for a late heartbeat");
    }

    [Fact]
    public void The_proxy_keeps_its_connections_to_parley_open_between_requests()
    {
        var site = NginxProxy.Committed;

        Assert.Matches(@"upstream parley \{[^}]*\n\s*keepalive \d+;", site);
        Assert.Contains("proxy_http_version 1.1;", site, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header Connection \"\";", site, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\n\s*proxy_read_timeout (\d+)s;")]
    private static partial Regex ReadTimeout();
}
