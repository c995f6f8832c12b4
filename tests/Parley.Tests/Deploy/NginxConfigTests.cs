using System.Globalization;
using System.Text.RegularExpressions;
using Parley.Chat;
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
        var readTimeout = TimeSpan.FromSeconds(int.Parse(Assert.Single(ReadTimeout().Matches(NginxProxy.Committed)).Groups[1].Value, CultureInfo.InvariantCulture));

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

    [Fact]
    public void The_proxys_header_buffer_holds_the_request_line_of_the_longest_seed_send()
    {
        // nginx answers 414 to a request line longer than one large_client_header_buffers buffer; a seed send of the
        // longest text is up to 9 bytes a character (%E2%82%AC), the size Parley raises its own line limit to.
        var buffer = int.Parse(Assert.Single(HeaderBuffers().Matches(NginxProxy.Committed)).Groups[1].Value, CultureInfo.InvariantCulture) * 1024;

        Assert.True(buffer >= (new ChatOptions().MaxTextLength * 9) + 1024, $"large_client_header_buffers of {buffer} bytes is too small for the longest seed send");
    }

    [GeneratedRegex(@"\n\s*large_client_header_buffers \d+ (\d+)k;")]
    private static partial Regex HeaderBuffers();

    [GeneratedRegex(@"\n\s*proxy_read_timeout (\d+)s;")]
    private static partial Regex ReadTimeout();
}
