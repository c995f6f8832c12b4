using Parley.Chat;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

/// <summary>
/// One log entry when a stream opens and one when it closes, naming the nick, the client's address and the format or
/// reason as structured values under stable event ids (the words of the line are free to change).
/// </summary>
public sealed class StreamLogTests
{
    [Theory]
    [InlineData("/john", StreamFormat.Seed)]
    [InlineData("/api/events?nick=john", StreamFormat.Json)]
    public async Task A_stream_logs_one_entry_when_it_opens_and_one_when_the_client_closes_it(string path, StreamFormat format)
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = new AddressedClient(server.BaseAddress);
        var stream = await client.OpenAsync(path);
        var opened = Opened("john", client.LocalAddress, format);
        await Timeouts.WaitUntilAsync(() => StreamEntries(server).Contains(opened), "the stream's opening is logged");

        await stream.DisposeAsync();

        var closed = Closed("john", client.LocalAddress, StreamCloseReason.ClientDisconnected);
        await Timeouts.WaitUntilAsync(() => StreamEntries(server).Contains(closed), "the stream's closing is logged");
        Assert.Equal([opened, closed], StreamEntries(server));
    }

    [Fact]
    public async Task Each_stream_of_a_nick_logs_its_own_entries()
    {
        await using var server = await ParleyServer.StartAsync();
        using var first = new AddressedClient(server.BaseAddress);
        using var second = new AddressedClient(server.BaseAddress);
        var seed = await first.OpenAsync("/john");
        var json = await second.OpenAsync("/JOHN");
        StreamEntry[] opened = [Opened("john", first.LocalAddress, StreamFormat.Seed), Opened("JOHN", second.LocalAddress, StreamFormat.Seed)];
        await Timeouts.WaitUntilAsync(() => StreamEntries(server).Count == 2, "both openings are logged");
        Assert.Equal(opened, StreamEntries(server));

        await json.DisposeAsync();
        var closedJson = Closed("JOHN", second.LocalAddress, StreamCloseReason.ClientDisconnected);
        await Timeouts.WaitUntilAsync(() => StreamEntries(server).Contains(closedJson), "the second stream's closing is logged");
        await seed.DisposeAsync();
        var closedSeed = Closed("john", first.LocalAddress, StreamCloseReason.ClientDisconnected);
        await Timeouts.WaitUntilAsync(() => StreamEntries(server).Contains(closedSeed), "the seed stream's closing is logged");

        Assert.Equal([.. opened, closedJson, closedSeed], StreamEntries(server));
    }

    private static StreamEntry Opened(string nick, string address, StreamFormat format) => new(LogEvents.StreamOpened, nick, address, format);

    private static StreamEntry Closed(string nick, string address, StreamCloseReason reason) => new(LogEvents.StreamClosed, nick, address, reason);

    /// <summary>The stream host's entries as (event id, nick, address, format or reason), in the order logged.</summary>
    private static List<StreamEntry> StreamEntries(ParleyServer server) =>
    [
        .. server.LogEntries
            .Where(entry => entry.Category == "Parley.Streams.EventStreamHost")
            .Select(entry => new StreamEntry(entry.EventId.Id, entry["Nick"], entry["RemoteAddress"], entry["Format"] ?? entry["Reason"])),
    ];

    private sealed record StreamEntry(int EventId, object? Nick, object? RemoteAddress, object? FormatOrReason);
}
