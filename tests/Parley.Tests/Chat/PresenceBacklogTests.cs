using Microsoft.Extensions.DependencyInjection;
using Parley.Api;
using Parley.Chat;
using Parley.Seed;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Chat;

/// <summary>
/// Joins and departures live in one log that every stream reads at its own pace, so a stream that is behind on
/// them is never cut off for it while the log holds what it missed.
/// </summary>
public sealed class PresenceBacklogTests
{
    [Fact]
    public async Task A_seed_stream_300_joins_behind_hears_every_join_in_order()
    {
        await using var server = await ParleyServer.StartAsync();
        var hub = server.Services.GetRequiredService<ChatHub>();
        var john = Connect(server, hub, "john", seed: true);
        var others = ConnectMany(server, hub, 300);

        await using var stream = PipedStream.Start(server, john);

        var blocks = await stream.BlocksAsync(written => written.Count == 302);
        Assert.Equal(
            ["data: Welcome john!", "data: now online: ", .. others.Select(nick => $"data: {nick} has joined.")],
            blocks);
    }

    [Fact]
    public async Task A_json_stream_behind_on_more_joins_and_departures_than_people_online_gets_one_list_of_who_is_online_instead()
    {
        await using var server = await ParleyServer.StartAsync();
        var hub = server.Services.GetRequiredService<ChatHub>();
        var mary = Connect(server, hub, "mary", seed: false);
        var arrived = ConnectMany(server, hub, 300);
        var message = (await server.SendAsync("bob", "all", "said while they came")).Message!;
        foreach (var nick in arrived.Take(200))
        {
            hub.Disconnect(_streams[nick], StreamCloseReason.ClientDisconnected);
        }

        var others = arrived.Skip(200).ToList(); // 500 events behind, 101 online

        await using var stream = PipedStream.Start(server, mary);
        await stream.BlocksAsync(written => written.Count == 4);
        Connect(server, hub, "late", seed: false);

        var blocks = await stream.BlocksAsync(written => written.Count == 5);
        Assert.Equal("event: welcome\ndata: {\"nick\":\"mary\",\"lastEventId\":0}", WithoutId(blocks[0]));
        Assert.Equal("event: online\ndata: {\"users\":[]}", WithoutId(blocks[1]));

        // The message waited in the queue with a lower id than the list: it goes first, so a client resuming
        // after the list's id has not skipped it.
        Assert.StartsWith($"id: {message.Id}\nevent: message\n", blocks[2], StringComparison.Ordinal);
        Assert.Equal($"event: online\ndata: {{\"users\":[{string.Join(",", others.Select(nick => $"\"{nick}\""))}]}}", WithoutId(blocks[3]));
        Assert.Equal("event: joined\ndata: {\"nick\":\"late\"}", WithoutId(blocks[4]));
    }

    [Fact]
    public async Task A_json_stream_300_joins_behind_with_301_online_hears_each_join_since_the_list_would_be_longer()
    {
        await using var server = await ParleyServer.StartAsync();
        var hub = server.Services.GetRequiredService<ChatHub>();
        var mary = Connect(server, hub, "mary", seed: false);
        var others = ConnectMany(server, hub, 300);

        await using var stream = PipedStream.Start(server, mary);

        var blocks = await stream.BlocksAsync(written => written.Count == 302);
        Assert.Equal(others.Select(nick => $"event: joined\ndata: {{\"nick\":\"{nick}\"}}"), blocks.Skip(2).Select(WithoutId));
    }

    [Fact]
    public async Task A_json_stream_a_few_joins_behind_hears_each_of_them()
    {
        await using var server = await ParleyServer.StartAsync();
        var hub = server.Services.GetRequiredService<ChatHub>();
        var mary = Connect(server, hub, "mary", seed: false);
        var others = ConnectMany(server, hub, 3);

        await using var stream = PipedStream.Start(server, mary);

        var blocks = await stream.BlocksAsync(written => written.Count == 5);
        Assert.Equal(others.Select(nick => $"event: joined\ndata: {{\"nick\":\"{nick}\"}}"), blocks.Skip(2).Select(WithoutId));
    }

    [Fact]
    public async Task A_seed_stream_that_fell_out_of_the_presence_log_is_cut_off_as_slow()
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?> { ["Parley:Chat:PresenceBacklog"] = "16" });
        var hub = server.Services.GetRequiredService<ChatHub>();
        var john = Connect(server, hub, "john", seed: true);
        ConnectMany(server, hub, 20);

        await using var stream = PipedStream.Start(server, john);

        Assert.Equal(StreamCloseReason.QueueFull, await stream.Running.WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_json_stream_that_fell_out_of_the_presence_log_gets_who_is_online_and_goes_on()
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?> { ["Parley:Chat:PresenceBacklog"] = "16" });
        var hub = server.Services.GetRequiredService<ChatHub>();
        var mary = Connect(server, hub, "mary", seed: false);
        var others = ConnectMany(server, hub, 20);

        await using var stream = PipedStream.Start(server, mary);
        await stream.BlocksAsync(written => written.Count == 3);
        Connect(server, hub, "late", seed: false);

        var blocks = await stream.BlocksAsync(written => written.Count == 4);
        Assert.Equal($"event: online\ndata: {{\"users\":[{string.Join(",", others.Select(nick => $"\"{nick}\""))}]}}", WithoutId(blocks[2]));
        Assert.Equal("event: joined\ndata: {\"nick\":\"late\"}", WithoutId(blocks[3]));
    }

    private readonly Dictionary<string, Subscriber> _streams = [];

    private Subscriber Connect(ParleyServer server, ChatHub hub, string nick, bool seed)
    {
        IEventEncoder encoder = seed
            ? server.Services.GetRequiredService<SeedEventEncoder>()
            : server.Services.GetRequiredService<JsonEventEncoder>();
        var subscriber = new Subscriber(nick, encoder, 65_536, "test");
        Assert.Null(hub.Connect(subscriber).Rejection);
        _streams[nick] = subscriber;
        return subscriber;
    }

    /// <summary>Streams that are registered and never written: enough for the hub to announce them.</summary>
    private List<string> ConnectMany(ParleyServer server, ChatHub hub, int count)
    {
        var nicks = Enumerable.Range(0, count).Select(i => $"n{i}").ToList();
        foreach (var nick in nicks)
        {
            Connect(server, hub, nick, seed: true);
        }

        return nicks;
    }

    private static string WithoutId(string block) =>
        string.Join('\n', block.Split('\n').Where(line => !line.StartsWith("id: ", StringComparison.Ordinal)));
}
