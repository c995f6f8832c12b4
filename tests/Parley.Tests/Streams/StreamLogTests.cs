using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

/// <summary>One log line when a stream opens and one when it closes, naming the nick, the client's address and the format or reason.</summary>
public sealed class StreamLogTests
{
    [Theory]
    [InlineData("/john", "Seed")]
    [InlineData("/api/events?nick=john", "Json")]
    public async Task A_stream_logs_one_line_when_it_opens_and_one_when_the_client_closes_it(string path, string format)
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = new AddressedClient(server.BaseAddress);
        var stream = await client.OpenAsync(path);
        var opened = $"Parley.Streams.EventStreamHost: Stream opened for john from {client.LocalAddress} ({format})";
        await Timeouts.WaitUntilAsync(() => server.Logs.Contains(opened), "the stream's opening is logged");

        await stream.DisposeAsync();

        var closed = $"Parley.Streams.EventStreamHost: Stream closed for john from {client.LocalAddress}: ClientDisconnected";
        await Timeouts.WaitUntilAsync(() => server.Logs.Contains(closed), "the stream's closing is logged");
        Assert.Equal([opened, closed], StreamLines(server));
    }

    [Fact]
    public async Task Each_stream_of_a_nick_logs_its_own_lines()
    {
        await using var server = await ParleyServer.StartAsync();
        using var first = new AddressedClient(server.BaseAddress);
        using var second = new AddressedClient(server.BaseAddress);
        var seed = await first.OpenAsync("/john");
        var json = await second.OpenAsync("/JOHN");
        string[] opened =
        [
            $"Parley.Streams.EventStreamHost: Stream opened for john from {first.LocalAddress} (Seed)",
            $"Parley.Streams.EventStreamHost: Stream opened for JOHN from {second.LocalAddress} (Seed)",
        ];
        await Timeouts.WaitUntilAsync(() => StreamLines(server).Count == 2, "both openings are logged");
        Assert.Equal(opened, StreamLines(server));

        await json.DisposeAsync();
        var closedJson = $"Parley.Streams.EventStreamHost: Stream closed for JOHN from {second.LocalAddress}: ClientDisconnected";
        await Timeouts.WaitUntilAsync(() => server.Logs.Contains(closedJson), "the second stream's closing is logged");
        await seed.DisposeAsync();
        var closedSeed = $"Parley.Streams.EventStreamHost: Stream closed for john from {first.LocalAddress}: ClientDisconnected";
        await Timeouts.WaitUntilAsync(() => server.Logs.Contains(closedSeed), "the seed stream's closing is logged");

        Assert.Equal([.. opened, closedJson, closedSeed], StreamLines(server));
    }

    private static List<string> StreamLines(ParleyServer server) =>
        [.. server.Logs.Where(line => line.StartsWith("Parley.Streams.EventStreamHost: ", StringComparison.Ordinal))];
}
