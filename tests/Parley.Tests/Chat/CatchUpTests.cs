using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat;
using Parley.Storage;
using Parley.Tests.Api;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Chat;

/// <summary>What a registered stream reads from the store before it goes live.</summary>
public sealed class CatchUpTests
{
    [Fact]
    public async Task A_waiting_message_at_or_before_the_clients_position_is_not_written_again()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        var waited = (await server.SendAsync("mary", "john", "while away")).Message!;
        Assert.True(waited.Stored);
        var seen = (await server.SendAsync("mary", "all", "seen after it")).Message!.Id;

        // A stream that ended before it could clear the mailbox had delivered both; the client resumes after the second.
        await using var john = await SseReader.OpenAsync(client, $"/api/events?nick=john&lastEventId={seen.ToString(CultureInfo.InvariantCulture)}");
        await john.NextEventAsync(); // welcome
        await john.NextEventAsync(); // online
        var live = (await server.SendAsync("mary", "all", "live")).Message!.Id;

        Assert.Equal(live, ApiClient.IdOf(await john.NextEventAsync()));
        Assert.Empty(await server.Services.GetRequiredService<StoreThread>().RunAsync(s => s.Waiting("john", 10)));
    }

    [Fact]
    public async Task Retention_between_two_pages_is_signalled_before_the_next_page()
    {
        await using var server = await ParleyServer.StartAsync();
        var store = server.Services.GetRequiredService<StoreThread>();
        var seen = (await server.SendAsync("mary", "all", "seen")).Message!.Id;
        var gap = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            gap.Add((await server.SendAsync("mary", "all", $"gap {i}")).Message!.Id);
        }

        var catchUp = new CatchUp(store, "john", clientPosition: seen, registeredAfter: gap[^1], takesMailbox: false, pageSize: 3);
        var firstPage = await catchUp.NextPageAsync();
        await store.RunAsync(s => s.Trim(DateTimeOffset.MinValue, keepPerConversation: 2));
        var secondPage = await catchUp.NextPageAsync();

        Assert.Equal(gap[..3], firstPage.Cast<MessageEvent>().Select(e => e.Message.Id));
        Assert.Equal([new Truncated(gap[2], gap[7]), .. gap[8..].Select(id => (ChatEvent)new MessageEvent(MessageOf(secondPage, id), MessageView.ToAll))], secondPage);
        Assert.True(catchUp.IsDone);
    }

    private static ChatMessage MessageOf(IReadOnlyList<ChatEvent> page, long id) =>
        page.OfType<MessageEvent>().Single(e => e.Message.Id == id).Message;
}
