using System.Text;
using Parley.Tests.Api;
using Parley.Tests.BadInput;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Security;

/// <summary>
/// Every answer carries the Content-Security-Policy, nosniff and Referrer-Policy: the page and its files, the API, the
/// seed's sends and streams, and every refusal, the framework's own (404, 405, a foreign Host's 400) included.
/// </summary>
public sealed class SecurityHeadersTests
{
    [Theory]
    [InlineData("GET", "/", "", 200)]
    [InlineData("GET", "/index.html", "", 200)]
    [InlineData("GET", "/chat.js", "", 200)]
    [InlineData("GET", "/api/users/online", "", 200)]
    [InlineData("GET", "/api/health", "", 200)]
    [InlineData("GET", "/api/history?nick=john", "", 401)]
    [InlineData("GET", "/msg/mary/all%20hello", "", 204)]
    [InlineData("GET", "/msg/mary/all", "", 400)]
    [InlineData("GET", "/john", "Accept: text/html", 406)]
    [InlineData("GET", "/api/events?nick=no%20one", "Accept: text/event-stream", 401)]
    [InlineData("GET", "/no/such/path", "", 404)]
    [InlineData("DELETE", "/api/messages", "Content-Length: 0", 405)]
    [InlineData("POST", "/api/messages", "Content-Length: 0", 401)]
    [InlineData("POST", "/api/session", "Content-Length: 0", 415)]
    [InlineData("GET", "/msg/mary/all%20hello", "Sec-Fetch-Site: cross-site", 403)]
    [InlineData("GET", "/api/events?nick=john", "Origin: https://evil.example", 403)]
    public async Task An_answer_carries_the_security_headers(string method, string target, string header, int status)
    {
        await using var server = await ParleyServer.StartAsync();

        var response = await RawHttp.SendAsync(server.BaseAddress, method, target, header.Length == 0 ? [] : [header]);

        Assert.Equal(status, response.Status);
        SecurityHeaderAssert.Present(response, $"{method} {target}");
    }

    [Fact]
    public async Task A_body_refused_as_too_large_carries_the_security_headers()
    {
        await using var server = await ParleyServer.StartAsync();
        var response = await RawPost.JsonAsync(server, "application/json", $$"""{"from":"mary","to":"all","text":"{{new string('x', 70_000)}}"}""");

        Assert.Equal(413, response.Status);
        SecurityHeaderAssert.Present(response, "a 413");
    }

    [Fact]
    public async Task A_foreign_host_refused_by_host_filtering_carries_the_security_headers()
    {
        await using var server = await ParleyServer.StartAsync();

        var response = await RawHttp.ExchangeAsync(server.BaseAddress, Encoding.Latin1.GetBytes("GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"));

        Assert.Equal(400, response.Status);
        SecurityHeaderAssert.Present(response, "a foreign Host");
    }

    [Theory]
    [InlineData("/john")]
    [InlineData("/api/events?nick=john")]
    public async Task A_stream_carries_the_security_headers(string path)
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();

        await using var stream = await SseReader.OpenAsync(client, path);

        SecurityHeaderAssert.Present(stream.Response.Headers, "GET " + path);
    }
}
