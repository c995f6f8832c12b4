using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

/// <summary>What every stream, seed or JSON, looks like before its first event: headers and the opening block.</summary>
public sealed class SseResponseTests
{
    [Theory]
    [InlineData("/john")]
    [InlineData("/api/events?nick=john")]
    public async Task A_stream_answers_as_an_uncached_unbuffered_event_stream(string path)
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();

        await using var stream = await SseReader.OpenAsync(client, path);

        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.ToString());
        Assert.Equal(["no-cache"], stream.Response.Headers.GetValues("Cache-Control"));
        Assert.Equal(["no"], stream.Response.Headers.GetValues("X-Accel-Buffering"));
    }

    [Theory]
    [InlineData("/john")]
    [InlineData("/api/events?nick=john")]
    public async Task A_stream_is_not_compressed_even_when_the_client_accepts_gzip_and_brotli(string path)
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient(); // no automatic decompression: a compressed body would show as bytes
        client.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip, br");

        await using var stream = await SseReader.OpenAsync(client, path);

        Assert.Empty(stream.Response.Content.Headers.ContentEncoding);
        Assert.Equal(": parley\nretry: 3000", await stream.NextBlockAsync());
    }

    [Theory]
    [InlineData("/john")]
    [InlineData("/api/events?nick=john")]
    public async Task A_stream_opens_with_a_comment_and_the_retry_hint_of_three_seconds(string path)
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();

        await using var stream = await SseReader.OpenAsync(client, path);

        Assert.Equal(": parley\nretry: 3000", await stream.NextBlockAsync());
    }

    [Theory]
    [InlineData("00:00:10", "10000")]
    [InlineData("00:00:01.500", "1500")]
    public async Task The_retry_hint_comes_from_configuration_in_milliseconds(string setting, string retry)
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?> { ["Parley:Streams:RetryHint"] = setting });
        using var client = server.CreateClient();

        await using var seed = await SseReader.OpenAsync(client, "/john");
        await using var json = await SseReader.OpenAsync(client, "/api/events?nick=mary");

        Assert.Equal($": parley\nretry: {retry}", await seed.NextBlockAsync());
        Assert.Equal($": parley\nretry: {retry}", await json.NextBlockAsync());
    }
}
