using System.Net;
using System.Text;
using System.Text.Json;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Health;

/// <summary>Asks a probe path as curl or a kubelet does: a plain GET on a connection of its own.</summary>
internal static class Probe
{
    public static Task<RawResponse> GetAsync(ParleyServer server, string path, string? host = null) => RawHttp.ExchangeAsync(
        server.BaseAddress, Encoding.Latin1.GetBytes($"GET {path} HTTP/1.1\r\nHost: {host ?? server.BaseAddress.Authority}\r\nConnection: close\r\n\r\n"));

    /// <summary>Each check's status in a <c>/readyz</c> body, as "name=Status".</summary>
    public static string[] Checks(RawResponse response)
    {
        using var body = JsonDocument.Parse(response.Body);
        return [.. body.RootElement.GetProperty("checks").EnumerateObject().Select(check => $"{check.Name}={check.Value.GetProperty("status").GetString()}")];
    }

    public static async Task<RawResponse> UntilReadinessIsAsync(ParleyServer server, HttpStatusCode status, TimeSpan? timeout = null)
    {
        RawResponse? last = null;
        await Timeouts.WaitUntilAsync(async () => (last = await GetAsync(server, "/readyz")).Status == (int)status, $"/readyz answers {(int)status}", timeout);
        return last!;
    }
}
