using Microsoft.Extensions.DependencyInjection;
using Parley.Chat;
using Parley.Storage;
using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.Chat;

/// <summary>
/// A direct message is decided live while its recipient is online, and fanned out once it is committed. A recipient
/// whose last stream closed in between must still get it: the hub hands it back, and it waits in the mailbox.
/// </summary>
public sealed class LeftBeforeFanOutTests
{
    [Fact]
    public async Task The_hub_hands_back_a_live_direct_message_whose_recipient_left_before_its_fan_out()
    {
        await using var server = await ParleyServer.StartAsync();
        var hub = server.Services.GetRequiredService<ChatHub>();
        var message = new ChatMessage(7, "mary", "john", "just missed", TestClock.Start);

        Assert.Equal([message], hub.Publish([message]));
    }

    [Fact]
    public async Task A_message_kept_after_all_is_delivered_as_waiting_at_the_next_login()
    {
        await using var server = await ParleyServer.StartAsync(time: TestClock.Create());
        var store = server.Services.GetRequiredService<StoreThread>();
        using var client = server.CreateClient();
        ChatMessage sent;
        await using (var online = await SeedClient.LoginAsync(client, "john"))
        {
            sent = (await server.SendAsync("mary", "john", "just missed")).Message!;
            Assert.False(sent.Stored);
        }

        // What the store thread does with a message the hub handed back, once john is gone.
        await Api.OnlineUsers.WaitForAsync(client, "[]");
        await store.RunAsync(s =>
        {
            s.KeepWaiting("john", sent.Id);
            return true;
        });
        await using var john = await SeedClient.LoginAsync(client, "john");

        Assert.Equal($"mary ({TestClock.LocalStamp}): just missed", await john.NextDataAsync());
    }
}
