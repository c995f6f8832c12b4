using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Security;

/// <summary>Kestrel's limits against a client that sends its request too slowly or too large to hold a connection or memory.</summary>
public sealed class KestrelLimitTests
{
    [Fact]
    public async Task The_request_headers_timeout_is_10_seconds_by_default()
    {
        await using var server = await ParleyServer.StartAsync();

        var limits = server.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(TimeSpan.FromSeconds(10), limits.RequestHeadersTimeout);
    }

    [Fact]
    [Trait("Category", "Slow")] // waits out a header timeout of a second, on Kestrel's one-second heartbeat
    public async Task Headers_trickling_in_slower_than_the_headers_timeout_are_cut_off_with_408()
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?> { ["Kestrel:Limits:RequestHeadersTimeout"] = "00:00:01" });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(Timeouts.Default);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port, cancel.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes($"GET /api/health HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\n"), cancel.Token);
        var started = Stopwatch.StartNew();

        // A slow-loris client: one more header byte every 100 ms, for as long as the server keeps the connection.
        var answer = new MemoryStream();
        var reading = stream.CopyToAsync(answer, cancel.Token);
        while (!reading.IsCompleted && started.Elapsed < Timeouts.Default)
        {
            try
            {
                await stream.WriteAsync("x"u8.ToArray(), cancel.Token);
            }
            catch (IOException)
            {
                break; // the server closed the connection
            }

            await Task.WhenAny(reading, Task.Delay(100, cancel.Token));
        }

        try
        {
            await reading.WaitAsync(Timeouts.Default, cancel.Token);
        }
        catch (IOException)
        {
            // a reset after the answer: what arrived before it is the answer
        }

        var response = RawResponse.Parse(answer.ToArray());
        Assert.Equal(408, response.Status);
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task Headers_larger_than_the_limit_are_refused_with_431()
    {
        await using var server = await ParleyServer.StartAsync();
        var limit = server.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestHeadersTotalSize;

        var response = await RawHttp.GetAsync(server.BaseAddress, "/api/health", "X-Padding: " + new string('x', limit));

        Assert.Equal(431, response.Status);
    }
}
