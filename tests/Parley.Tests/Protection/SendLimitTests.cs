using System.Net;
using Parley.Tests.Api;
using Parley.Tests.BadInput;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Protection;

/// <summary>
/// The send buckets over HTTP with the shipped limits (burst 10, then 5 a second; 40,000 bytes, then 10,000 a
/// second): each client comes from its own loopback address, as clients on other machines would.
/// </summary>
public sealed class SendLimitTests
{
    private const string AddressMessages =
        "this client address has used its burst of 10 messages and may send 5 a second (settings Parley:Limits:SendBurst, Parley:Limits:SendsPerSecond); try again in 1 s";

    [Fact]
    public async Task A_nicks_eleventh_immediate_send_is_refused_with_429_retry_after_and_the_nick_bucket_named()
    {
        await using var server = await ParleyServer.StartAsync(shippingLimits: true);
        using var first = LoopbackClient.Create(server.BaseAddress, "127.0.0.2");
        using var second = LoopbackClient.Create(server.BaseAddress, "127.0.0.3");
        using var third = LoopbackClient.Create(server.BaseAddress, "127.0.0.4");

        // Eleven sends as ann (in any case) from three addresses: no address reaches its own burst.
        var responses = await Burst.SendAsync([.. Enumerable.Range(0, 11).Select(i => ((i % 3) switch { 0 => first, 1 => second, _ => third }, i % 2 == 0 ? "ann" : "ANN", "hello"))]);

        var refused = Burst.SingleRefusal(responses);
        Assert.Equal("1", RetryAfterOf(refused));
        var nick = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken) is var body && body.Contains("'ANN'", StringComparison.Ordinal) ? "ANN" : "ann";
        await Refusal.AssertProblemAsync(refused, 429, Limit(
            $"the nick '{nick}' has used its burst of 10 messages and may send 5 a second (settings Parley:Limits:SendBurst, Parley:Limits:SendsPerSecond); try again in 1 s"));
    }

    [Fact]
    public async Task An_address_is_limited_across_its_nicks_and_another_address_is_not()
    {
        await using var server = await ParleyServer.StartAsync(shippingLimits: true);
        using var flooder = LoopbackClient.Create(server.BaseAddress, "127.0.0.2");
        using var other = LoopbackClient.Create(server.BaseAddress, "127.0.0.3");

        var responses = await Burst.SendAsync([.. Enumerable.Range(0, 11).Select(i => (flooder, $"nick{i}", "hello"))]);
        using var accepted = await ApiClient.PostAsync(other, "nick10", "all", "hello");

        var refused = Burst.SingleRefusal(responses);
        Assert.Equal("1", RetryAfterOf(refused));
        await Refusal.AssertProblemAsync(refused, 429, Limit(AddressMessages));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task The_byte_bucket_refuses_long_texts_before_the_message_bucket_does()
    {
        await using var server = await ParleyServer.StartAsync(shippingLimits: true);
        using var client = LoopbackClient.Create(server.BaseAddress, "127.0.0.2");
        var text = new string('é', 4_000); // 8,000 bytes of UTF-8: five fill the 40,000-byte burst, the sixth does not fit

        var responses = await Burst.SendAsync([.. Enumerable.Range(0, 6).Select(_ => (client, "ann", text))]);

        var refused = Burst.SingleRefusal(responses);
        Assert.Equal("1", RetryAfterOf(refused));
        await Refusal.AssertProblemAsync(refused, 429, Limit(
            "this client address has used its burst of 40000 bytes of text and may send 10000 a second (settings Parley:Limits:SendBurstBytes, Parley:Limits:SendBytesPerSecond); try again in 1 s"));
    }

    [Fact]
    public async Task A_refused_sender_is_accepted_again_once_its_retry_after_has_passed()
    {
        await using var server = await ParleyServer.StartAsync(shippingLimits: true);
        using var client = LoopbackClient.Create(server.BaseAddress, "127.0.0.2");
        var refused = Burst.SingleRefusal(await Burst.SendAsync([.. Enumerable.Range(0, 11).Select(_ => (client, "ann", "hello"))]));

        // The buckets refill on a 100 ms heartbeat, so a period ends up to 100 ms after its second: wait that too.
        var retryAfter = TimeSpan.FromSeconds(int.Parse(RetryAfterOf(refused)!, System.Globalization.CultureInfo.InvariantCulture));
        await Task.Delay(retryAfter + TimeSpan.FromMilliseconds(150), TestContext.Current.CancellationToken);
        var recovered = await SendManyAsync(client, "ann", 5); // a second's refill: SendsPerSecond of them

        Assert.Equal(5, recovered);
    }

    [Fact]
    public async Task A_seed_send_over_the_limit_is_refused_as_text_with_retry_after()
    {
        await using var server = await ParleyServer.StartAsync(shippingLimits: true);

        var responses = await Task.WhenAll(Enumerable.Range(0, 11).Select(_ => RawHttp.GetAsync(server.BaseAddress, "/msg/ann/all%20hello")));

        Assert.Equal(10, responses.Count(r => r.Status == 204));
        var refused = responses.Single(r => r.Status != 204);
        Refusal.AssertSeed(refused, 429, AddressMessages);
        Assert.Equal("1", refused.Header("Retry-After"));
    }

    [Fact]
    public async Task An_invalid_send_spends_no_tokens()
    {
        await using var server = await ParleyServer.StartAsync(shippingLimits: true);
        using var client = LoopbackClient.Create(server.BaseAddress, "127.0.0.2");
        for (var i = 0; i < 20; i++)
        {
            using var invalid = await ApiClient.PostAsync(client, "ann", "all", " ");
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }

        Assert.Equal(10, await SendManyAsync(client, "ann", 10));
    }

    [Fact]
    public async Task A_text_larger_than_the_byte_burst_is_refused_with_400_naming_the_setting()
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?> { ["Parley:Limits:SendBurstBytes"] = "100" }, shippingLimits: true);
        using var client = LoopbackClient.Create(server.BaseAddress, "127.0.0.2");

        using var refused = await ApiClient.PostAsync(client, "ann", "all", new string('é', 51));

        await Refusal.AssertProblemAsync(refused, 400, Refusal.Invalid(
            "text", "the text is 102 bytes of UTF-8, more than the 100 one burst of sends may carry (setting Parley:Limits:SendBurstBytes)"));
    }

    /// <summary>Sends <paramref name="count"/> broadcasts that must all be accepted; returns how many were.</summary>
    private static async Task<int> SendManyAsync(HttpClient client, string from, int count, string text = "hello")
    {
        for (var i = 0; i < count; i++)
        {
            await ApiClient.SendAsync(client, from, "all", text);
        }

        return count;
    }

    private static string? RetryAfterOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Retry-After", out var values) ? string.Join(",", values) : null;

    private static string Limit(string reason) => $$"""{"title":"Limit reached","status":429,"detail":"{{reason}}"}""";
}
