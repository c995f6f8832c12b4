using System.Text;
using Microsoft.Extensions.Logging;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.BadInput;

/// <summary>
/// A body Kestrel cannot read (broken chunks, cut short, too large, too slow) is the client's mistake: a problem
/// with Kestrel's status, one log line below Error and without a stack trace, and the bystanders untouched.
/// </summary>
public sealed class UnreadableBodyTests
{
    private const string Message = """{"from":"mary","to":"all","text":"hi"}""";

    private static readonly Dictionary<string, string?> SlowBodyLimit = new()
    {
        ["Kestrel:Limits:MinRequestBodyDataRate:BytesPerSecond"] = "100",
        ["Kestrel:Limits:MinRequestBodyDataRate:GracePeriod"] = "00:00:01.5", // Kestrel's least: above its 1 s heartbeat
    };

    // The chunked body as sent, and Kestrel's reason. (A body cut short by closing the sending side cannot be
    // answered: Kestrel takes the half-close as the client leaving and resets the connection.)
    public static TheoryData<string, string> BrokenChunks => new()
    {
        { "zz\r\n{}\r\n0\r\n\r\n", "Bad chunk size data." },
        { "2\r\n{}XX0\r\n\r\n", "Bad chunk suffix." },
        { "ffffffffffffffffff\r\n{}\r\n0\r\n\r\n", "Bad chunk size data." }, // past int: Kestrel throws an IOException, not its BadHttpRequestException
    };

    [Theory]
    [MemberData(nameof(BrokenChunks))]
    public async Task A_chunked_body_that_breaks_its_framing_is_refused_with_a_400_problem(string body, string reason)
    {
        await using var chat = await BystanderChat.StartAsync();

        var response = await SendChunkedAsync(chat.Server, body);

        Refusal.AssertProblem(
            response,
            400,
            $$"""{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"Unreadable body","status":400,"detail":"the body could not be read: {{reason}}"}""");
        await chat.AssertBystandersUntouchedAsync();
    }

    [Theory]
    [MemberData(nameof(BrokenChunks))]
    public async Task A_chunked_body_that_breaks_its_framing_is_logged_as_one_refusal_and_no_failure(string body, string reason)
    {
        _ = reason; // the same rows as the answer's test; the log's words are not part of the contract
        await using var chat = await BystanderChat.StartAsync();
        var before = chat.Server.LogEntries.Count;

        await SendChunkedAsync(chat.Server, body);

        AssertOneRefusalLogged(chat.Server, before, 400);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_logged_as_one_refusal_and_no_failure()
    {
        await using var chat = await BystanderChat.StartAsync();
        var before = chat.Server.LogEntries.Count;

        var response = await RawPost.JsonAsync(chat.Server, "application/json", new string(' ', 65537));

        Assert.Equal(413, response.Status);
        AssertOneRefusalLogged(chat.Server, before, 413);
    }

    [Fact]
    [Trait("Category", "Slow")] // waits out Kestrel's least grace period, 1.5 s, on its one-second heartbeat
    public async Task A_body_that_arrives_too_slowly_is_refused_with_a_408_problem_naming_the_setting()
    {
        await using var chat = await BystanderChat.StartAsync(SlowBodyLimit);

        var response = await SendTheStartOfABodyAsync(chat.Server);

        Refusal.AssertProblem(
            response,
            408,
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.9","title":"Body too slow","status":408,"detail":"the body arrived slower than 100 bytes per second after a grace period of 1.5 s (setting Kestrel:Limits:MinRequestBodyDataRate)"}""");
        await chat.AssertBystandersUntouchedAsync();
    }

    [Fact]
    [Trait("Category", "Slow")] // waits out Kestrel's least grace period, 1.5 s, on its one-second heartbeat
    public async Task A_body_that_arrives_too_slowly_is_logged_as_one_refusal_and_no_failure()
    {
        await using var chat = await BystanderChat.StartAsync(SlowBodyLimit);
        var before = chat.Server.LogEntries.Count;

        await SendTheStartOfABodyAsync(chat.Server);

        AssertOneRefusalLogged(chat.Server, before, 408);
    }

    private static Task<RawResponse> SendChunkedAsync(ParleyServer server, string body) =>
        RawPost.FramedAsync(server, Encoding.Latin1.GetBytes(body), endAfterSending: false, "Content-Type: application/json", "Transfer-Encoding: chunked");

    /// <summary>Announces a whole message and sends its first 8 bytes, then nothing: the server must stop waiting by itself.</summary>
    private static Task<RawResponse> SendTheStartOfABodyAsync(ParleyServer server) =>
        RawPost.FramedAsync(server, Encoding.UTF8.GetBytes(Message[..8]), endAfterSending: false, "Content-Type: application/json", $"Content-Length: {Message.Length}");

    /// <summary>
    /// Exactly one entry since <paramref name="before"/>: the refusal's event, naming the request and the status, below
    /// Error and without an exception; and no failure at all.
    /// </summary>
    private static void AssertOneRefusalLogged(ParleyServer server, int before, int status)
    {
        var entries = server.LogEntries.Skip(before).ToList();
        Assert.True(entries.Count == 1, "Logged: " + string.Join(" | ", entries));
        var refusal = entries[0];
        Assert.Equal(
            (LogEvents.BodyRefused, "POST", "/api/messages", (int?)status, false),
            (refusal.EventId.Id, refusal["Method"] as string, refusal["Path"] as string, refusal["StatusCode"] as int?, refusal.HadException));
        Assert.InRange(refusal.Level, LogLevel.Information, LogLevel.Warning);
        Refusal.AssertNoFailureLogged(server);
    }
}
