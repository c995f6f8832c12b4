using Microsoft.Extensions.DependencyInjection;
using Parley.Chat;
using Parley.Seed;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Chat;

/// <summary>
/// What may wait for one stream is counted in bytes, so that a stream behind on many short messages is not
/// taken for one behind on a few long ones. Messages count 64 bytes plus their text and nicks in characters.
/// </summary>
public sealed class StreamBudgetTests
{
    private const int Budget = 65_536;

    [Fact]
    public async Task A_stream_that_reads_nothing_takes_800_short_messages_within_64_KiB()
    {
        await using var server = await ParleyServer.StartAsync();
        var hub = server.Services.GetRequiredService<ChatHub>();
        var idle = Connect(server, hub);

        for (var i = 0; i < 800; i++)
        {
            Assert.Null((await server.SendAsync("bob", "all", $"m{i:000}")).Rejection); // 64 + 3 + 3 + 4 = 74 bytes, 59,200 in all
        }

        Assert.Null(idle.DropReason);
        Assert.Equal(800, idle.Queue.Count);
    }

    [Fact]
    public async Task A_stream_is_dropped_by_the_long_message_that_takes_it_past_64_KiB_and_the_send_is_accepted()
    {
        await using var server = await ParleyServer.StartAsync();
        var hub = server.Services.GetRequiredService<ChatHub>();
        var idle = Connect(server, hub);
        var text = new string('x', 4_000); // 64 + 3 + 3 + 4,000 = 4,070 bytes: 16 fit in 65,536

        for (var i = 0; i < 16; i++)
        {
            Assert.Null((await server.SendAsync("bob", "all", text)).Rejection);
        }

        Assert.Null(idle.DropReason);
        Assert.Null((await server.SendAsync("bob", "all", text)).Rejection);
        Assert.Equal(StreamCloseReason.QueueFull, idle.DropReason);
        Assert.True(idle.Dropped.IsCancellationRequested, "the dropped stream's writer loop is told at once");
    }

    private static Subscriber Connect(ParleyServer server, ChatHub hub)
    {
        var subscriber = new Subscriber("idle", server.Services.GetRequiredService<SeedEventEncoder>(), Budget, "test");
        Assert.Null(hub.Connect(subscriber).Rejection);
        return subscriber;
    }
}
