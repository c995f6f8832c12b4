using Parley.Tests.Api;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Seed;

/// <summary>A direct message to an offline nick waits for that nick's next login, stamped with when it was sent.</summary>
public sealed class SeedOfflineTests
{
    [Fact]
    public async Task The_sender_is_told_that_the_recipient_is_offline()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var mary = await SeedClient.LoginAsync(client, "mary");
        await using var maryAgain = await SeedClient.LoginAsync(client, "mary");

        await SeedClient.SendAsync(server, "mary", "john%20hello");

        Assert.Equal("data: You to john (offline): hello", await mary.NextEventAsync());
        Assert.Equal("data: You to john (offline): hello", await maryAgain.NextEventAsync());
    }

    [Fact]
    public async Task Waiting_messages_arrive_after_the_online_list_oldest_first_stamped_with_local_sending_time()
    {
        var time = TestClock.Create();
        await using var server = await ParleyServer.StartAsync(time: time);
        using var client = server.CreateClient();
        await SeedClient.SendAsync(server, "mary", "john%20first");
        time.Advance(TimeSpan.FromMinutes(62));
        await SeedClient.SendAsync(server, "paul", "JOHN%20second");
        time.Advance(TimeSpan.FromHours(3)); // delivery is later still: the stamp is the sending time

        await using var john = await SseReader.OpenAsync(client, "/john");

        Assert.Equal(
            ["Welcome john!", "now online: ", $"mary ({TestClock.LocalStamp}): first", "paul (2026-11-25 15:07): second"],
            await john.NextDataAsync(4));
    }

    [Fact]
    public async Task A_stamp_uses_the_local_date_where_it_differs_from_the_utc_date()
    {
        var time = TestClock.Create();
        time.Advance(TimeSpan.FromHours(10)); // 22:05 UTC is 00:05 the next day, two hours east
        await using var server = await ParleyServer.StartAsync(time: time);
        using var client = server.CreateClient();
        await SeedClient.SendAsync(server, "mary", "john%20late");

        await using var john = await SseReader.OpenAsync(client, "/john");

        Assert.Equal(["Welcome john!", "now online: ", "mary (2026-11-26 00:05): late"], await john.NextDataAsync(3));
    }

    [Fact]
    public async Task Waiting_messages_go_to_the_first_stream_only()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await SeedClient.SendAsync(server, "mary", "john%20hello");
        await using var john = await SseReader.OpenAsync(client, "/john");
        Assert.Equal(3, (await john.NextDataAsync(3)).Count);

        await using var johnAgain = await SseReader.OpenAsync(client, "/john");
        await SeedClient.SendAsync(server, "mary", "all%20next");

        Assert.Equal(["Welcome john!", "now online: john", "mary to all: next"], await johnAgain.NextDataAsync(3));
    }

    [Fact]
    public async Task Waiting_messages_are_gone_on_the_next_login()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await SeedClient.SendAsync(server, "mary", "john%20hello");
        var john = await SseReader.OpenAsync(client, "/john");
        Assert.Equal("mary (", (await john.NextDataAsync(3))[2][..6]);
        await john.DisposeAsync();
        await OnlineUsers.WaitForAsync(client, "[]");

        await using var johnAgain = await SseReader.OpenAsync(client, "/john");
        await SeedClient.SendAsync(server, "mary", "all%20next");

        Assert.Equal(["Welcome john!", "now online: ", "mary to all: next"], await johnAgain.NextDataAsync(3));
    }
}
