using Parley.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.BadInput;

/// <summary>Limits that lift later answer 429: too many streams for one nick, a full mailbox for an offline nick.</summary>
public sealed class LimitTests
{
    private const string TooManyStreams = "this nick already has 2 open streams, the most allowed (setting Parley:Chat:MaxStreamsPerNick)";

    private const string MailboxFull =
        "john is offline and already has 2 waiting messages, the most kept (setting Parley:Chat:MaxStoredPerNick); try again once they have been online";

    private static readonly Dictionary<string, string?> Limits = new()
    {
        ["Parley:Chat:MaxStreamsPerNick"] = "2",
        ["Parley:Chat:MaxStoredPerNick"] = "2",
    };

    [Fact]
    public async Task A_third_seed_stream_of_a_nick_is_refused_with_429_and_the_first_two_keep_receiving()
    {
        await using var chat = await BystanderChat.StartAsync(Limits);
        await using var john = await SeedClient.LoginAsync(chat.Client, "john");
        await using var johnAgain = await SeedClient.LoginAsync(chat.Client, "JOHN");
        Assert.Equal("data: john has joined.", await chat.Watcher.NextEventAsync());
        Assert.Equal("joined", SseReader.FieldOf(await chat.Observer.NextEventAsync(), "event"));

        var response = await RawHttp.GetAsync(chat.Server.BaseAddress, "/john", "Accept: text/event-stream");

        Refusal.AssertSeed(response, 429, TooManyStreams);
        await AssertStillReceivingAsync(chat, john, johnAgain);
        await chat.AssertBystandersUntouchedAsync();
    }

    [Fact]
    public async Task A_third_json_stream_of_a_nick_is_refused_with_429_and_the_first_two_keep_receiving()
    {
        await using var chat = await BystanderChat.StartAsync(Limits);
        await using var john = await ApiClient.LoginAsync(chat.Client, "john");
        await using var johnAgain = await ApiClient.LoginAsync(chat.Client, "john");
        Assert.Equal("data: john has joined.", await chat.Watcher.NextEventAsync());
        Assert.Equal("joined", SseReader.FieldOf(await chat.Observer.NextEventAsync(), "event"));

        var response = await RawHttp.GetAsync(
            chat.Server.BaseAddress, "/api/events", "Accept: text/event-stream", "Cookie: " + await chat.Server.GuestCookieAsync("john"));

        Refusal.AssertProblem(
            response,
            429,
            $$"""{"title":"Limit reached","status":429,"detail":"{{TooManyStreams}}"}""");
        await AssertStillReceivingAsync(chat, john, johnAgain);
        await chat.AssertBystandersUntouchedAsync();
    }

    [Fact]
    public async Task A_seed_send_to_an_offline_nick_with_a_full_mailbox_is_refused_with_429_and_the_kept_messages_arrive_on_login()
    {
        await using var chat = await BystanderChat.StartAsync(Limits);
        await SeedClient.SendAsync(chat.Server, "mary", "john%20one");
        await SeedClient.SendAsync(chat.Server, "paul", "john%20two");

        var response = await RawHttp.GetAsync(chat.Server.BaseAddress, "/msg/mary/john%20three");

        Refusal.AssertSeed(response, 429, MailboxFull);
        await chat.AssertBystandersUntouchedAsync();
        await AssertKeptMessagesArriveAsync(chat);
    }

    [Fact]
    public async Task An_api_send_to_an_offline_nick_with_a_full_mailbox_is_refused_with_429_and_the_kept_messages_arrive_on_login()
    {
        await using var chat = await BystanderChat.StartAsync(Limits);
        await ApiClient.SendAsync(chat.Client, "mary", "john", "one");
        await ApiClient.SendAsync(chat.Client, "paul", "JOHN", "two");

        using var response = await ApiClient.PostAsync(chat.Client, "mary", "john", "three");

        await Refusal.AssertProblemAsync(
            response,
            429,
            $$"""{"title":"Limit reached","status":429,"detail":"{{MailboxFull}}"}""");
        await chat.AssertBystandersUntouchedAsync();
        await AssertKeptMessagesArriveAsync(chat);
    }

    private static async Task AssertStillReceivingAsync(BystanderChat chat, SseReader first, SseReader second)
    {
        var id = await ApiClient.SendAsync(chat.Client, "mary", "john", "still yours");
        foreach (var stream in new[] { first, second })
        {
            var message = await stream.NextEventAsync();
            if (stream.Response.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal))
            {
                Assert.Equal(id, ApiClient.IdOf(message));
            }
            else
            {
                Assert.Equal("data: mary: still yours", message);
            }
        }
    }

    private static async Task AssertKeptMessagesArriveAsync(BystanderChat chat)
    {
        await using var john = await SseReader.OpenAsync(chat.Client, "/john");
        await ApiClient.SendAsync(chat.Client, "mary", "john", "after login");

        var texts = await john.NextDataAsync(5);
        Assert.Equal(["Welcome john!", "now online: watcher, observer"], texts.Take(2));
        Assert.Matches(@"^mary \(\d{4}-\d\d-\d\d \d\d:\d\d\): one$", texts[2]);
        Assert.Matches(@"^paul \(\d{4}-\d\d-\d\d \d\d:\d\d\): two$", texts[3]);
        Assert.Equal("mary: after login", texts[4]);
    }
}
