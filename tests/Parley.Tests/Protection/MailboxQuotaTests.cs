using Parley.Tests.Api;
using Parley.Tests.BadInput;
using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.Protection;

/// <summary>
/// Writing to many distinct offline nicks stops at the offline quotas, per sender and for guests together, with a 429
/// naming the setting; what was accepted before waits and arrives when its recipient comes online.
/// </summary>
public sealed class MailboxQuotaTests
{
    private const int PerSender = 20;

    private const int ForGuests = 30;

    private const string SenderFull =
        "mary already has 20 messages waiting for offline nicks, the most kept per sender (setting Parley:Limits:MaxWaitingPerSender); try again once they have been delivered";

    private const string GuestsFull =
        "guest-31 is offline and not registered, and unregistered nicks already have 30 messages waiting, the most kept for all of them together (setting Parley:Limits:MaxWaitingForGuests); try again later";

    [Fact]
    public async Task Seed_sends_to_many_offline_nicks_stop_at_the_sender_quota_then_at_the_guest_total_and_nothing_accepted_is_lost()
    {
        await using var server = await ParleyServer.StartAsync(Settings(new()
        {
            ["Parley:Limits:MaxWaitingPerSender"] = $"{PerSender}",
            ["Parley:Limits:MaxWaitingForGuests"] = $"{ForGuests}",
        }));
        using var client = server.CreateClient();

        for (var i = 1; i <= PerSender; i++)
        {
            await SeedClient.SendAsync(server, "mary", $"guest-{i}%20hello%20{i}");
        }

        Refusal.AssertSeed(await RawHttp.GetAsync(server.BaseAddress, $"/msg/mary/guest-{PerSender + 1}%20one%20too%20many"), 429, SenderFull);

        for (var i = PerSender + 1; i <= ForGuests; i++)
        {
            await SeedClient.SendAsync(server, "paul", $"guest-{i}%20hello%20{i}");
        }

        Refusal.AssertSeed(await RawHttp.GetAsync(server.BaseAddress, $"/msg/paul/guest-{ForGuests + 1}%20one%20too%20many"), 429, GuestsFull);
        Refusal.AssertSeed(await RawHttp.GetAsync(server.BaseAddress, $"/msg/sue/guest-{ForGuests + 1}%20me%20neither"), 429, GuestsFull);

        for (var i = 1; i <= ForGuests; i++)
        {
            await using var guest = await SseReader.OpenAsync(client, $"/guest-{i}");
            var texts = await guest.NextDataAsync(3);
            Assert.Equal($"{(i <= PerSender ? "mary" : "paul")} (", texts[2][..6]);
            Assert.EndsWith($"): hello {i}", texts[2], StringComparison.Ordinal);
        }

        // Delivered, they no longer count: mary may write to an offline nick again.
        await Timeouts.WaitUntilAsync(
            async () => (await RawHttp.GetAsync(server.BaseAddress, $"/msg/mary/guest-{ForGuests + 1}%20at%20last")).Status == 204,
            "delivered messages give their room back");
    }

    [Fact]
    public async Task An_api_send_past_the_senders_byte_quota_is_refused_naming_the_setting()
    {
        await using var server = await ParleyServer.StartAsync(Settings(new() { ["Parley:Limits:MaxWaitingBytesPerSender"] = "20" }));
        using var client = server.CreateClient();
        await ApiClient.SendAsync(client, "mary", "john", "ééééé"); // 10 bytes of UTF-8
        await ApiClient.SendAsync(client, "mary", "pete", "ééééé");

        using var refused = await ApiClient.PostAsync(client, "mary", "sue", "!");

        await Refusal.AssertProblemAsync(
            refused,
            429,
            """{"title":"Limit reached","status":429,"detail":"this message would take mary's messages waiting for offline nicks past 20 bytes of text, the most kept per sender (setting Parley:Limits:MaxWaitingBytesPerSender); try again once they have been delivered"}""");
        await ApiClient.SendAsync(client, "paul", "sue", "fits");
    }

    [Fact]
    public async Task A_seed_send_past_the_guests_byte_quota_is_refused_naming_the_setting()
    {
        await using var server = await ParleyServer.StartAsync(Settings(new() { ["Parley:Limits:MaxWaitingBytesForGuests"] = "10" }));
        await SeedClient.SendAsync(server, "mary", "john%20hello");
        await SeedClient.SendAsync(server, "paul", "pete%20world");

        var refused = await RawHttp.GetAsync(server.BaseAddress, "/msg/sue/ann%20!");

        Refusal.AssertSeed(
            refused,
            429,
            "ann is offline and not registered, and this message would take the messages waiting for unregistered nicks past 10 bytes of text, the most kept for all of them together (setting Parley:Limits:MaxWaitingBytesForGuests); try again later");
    }

    // Send rate limits high, so only the quotas under test refuse anything.
    private static Dictionary<string, string?> Settings(Dictionary<string, string?> quotas)
    {
        quotas["Parley:Limits:SendBurst"] = "100000";
        quotas["Parley:Limits:SendsPerSecond"] = "100000";
        quotas["Parley:Limits:SendBurstBytes"] = "100000000";
        quotas["Parley:Limits:SendBytesPerSecond"] = "100000000";
        return quotas;
    }
}
