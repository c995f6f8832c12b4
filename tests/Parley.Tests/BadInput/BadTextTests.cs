using System.Text;
using Parley.Tests.Api;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.BadInput;

/// <summary>Texts that are empty, too long or hold control characters, through both protocols; and the longest text allowed.</summary>
public sealed class BadTextTests
{
    private const string Empty = "a message needs text: it is empty or only white space";

    private static string TooLong(int length) =>
        $"the text is {length} characters long, more than the 4000 allowed (setting Parley:Chat:MaxTextLength)";

    [Theory]
    [InlineData("all%20", Empty)]
    [InlineData("all%20%20%09%20", Empty)]
    [InlineData("all%20%0A", Empty)]
    [InlineData("all%20a%u0000b", "the text contains the control character U+0000; only tab and line breaks are allowed")]
    [InlineData("all%20a%01b", "the text contains the control character U+0001; only tab and line breaks are allowed")]
    [InlineData("all%20a%u001Bb", "the text contains the control character U+001B; only tab and line breaks are allowed")]
    [InlineData("all%20a%7Fb", "the text contains the control character U+007F; only tab and line breaks are allowed")]
    [InlineData("all%20a%C2%85b", "the text contains the control character U+0085; only tab and line breaks are allowed")]
    public async Task A_seed_send_with_a_bad_text_is_refused_with_400(string encoded, string reason)
    {
        await using var chat = await BystanderChat.StartAsync();

        var response = await RawHttp.GetAsync(chat.Server.BaseAddress, "/msg/mary/" + encoded);

        Refusal.AssertSeed(response, 400, reason);
        await chat.AssertBystandersUntouchedAsync();
    }

    [Fact]
    public async Task A_seed_send_with_an_encoded_nul_is_refused_by_kestrel_before_parley_sees_it()
    {
        await using var chat = await BystanderChat.StartAsync();

        // Kestrel refuses a path that decodes to a NUL while parsing the request, with a bare 400 and no reason.
        var response = await RawHttp.GetAsync(chat.Server.BaseAddress, "/msg/mary/all%20a%00b");

        Assert.Equal((400, ""), (response.Status, response.Text));
        await chat.AssertBystandersUntouchedAsync();
    }

    [Theory]
    [InlineData(null, Empty)]
    [InlineData("", Empty)]
    [InlineData(" \t\r\n ", Empty)]
    [InlineData("a\u0000b", "the text contains the control character U+0000; only tab and line breaks are allowed")]
    [InlineData("a\u001bb", "the text contains the control character U+001B; only tab and line breaks are allowed")]
    [InlineData("a\u0085b", "the text contains the control character U+0085; only tab and line breaks are allowed")]
    public async Task An_api_send_with_a_bad_text_is_refused_with_400(string? text, string reason)
    {
        await using var chat = await BystanderChat.StartAsync();

        using var response = await ApiClient.PostAsync(chat.Client, "mary", "all", text);

        await Refusal.AssertProblemAsync(response, 400, Refusal.Invalid("text", reason));
        await chat.AssertBystandersUntouchedAsync();
    }

    [Fact]
    public async Task A_seed_send_of_4001_characters_is_refused_naming_the_setting_not_cut_off_by_the_request_line_limit()
    {
        await using var chat = await BystanderChat.StartAsync();

        var response = await RawHttp.GetAsync(chat.Server.BaseAddress, "/msg/mary/all%20" + Euros(4001));

        Refusal.AssertSeed(response, 400, TooLong(4001));
        await chat.AssertBystandersUntouchedAsync();
    }

    [Fact]
    public async Task An_api_send_of_4001_characters_is_refused_naming_the_setting()
    {
        await using var chat = await BystanderChat.StartAsync();

        using var response = await ApiClient.PostAsync(chat.Client, "mary", "all", new string('€', 4001));

        await Refusal.AssertProblemAsync(response, 400, Refusal.Invalid("text", TooLong(4001)));
        await chat.AssertBystandersUntouchedAsync();
    }

    [Fact]
    public async Task A_seed_send_of_exactly_4000_characters_each_percent_encoded_as_utf8_is_delivered()
    {
        await using var chat = await BystanderChat.StartAsync();

        var response = await RawHttp.GetAsync(chat.Server.BaseAddress, "/msg/mary/all%20" + Euros(4000));

        Assert.Equal(204, response.Status);
        Assert.Equal("data: mary to all: " + new string('€', 4000), await chat.Watcher.NextEventAsync());
        Assert.Contains($"\"text\":\"{new string('€', 4000)}\"", SseReader.DataOf(await chat.Observer.NextEventAsync()), StringComparison.Ordinal);
        await chat.AssertBystandersUntouchedAsync();
    }

    [Fact]
    public async Task An_api_send_of_exactly_4000_characters_is_delivered()
    {
        await using var chat = await BystanderChat.StartAsync();
        var text = new string('€', 4000);

        var id = await ApiClient.SendAsync(chat.Client, "mary", "all", text);

        Assert.Equal("data: mary to all: " + text, await chat.Watcher.NextEventAsync());
        var block = await chat.Observer.NextEventAsync();
        Assert.Equal(id, ApiClient.IdOf(block));
        Assert.Contains($"\"text\":\"{text}\"", SseReader.DataOf(block), StringComparison.Ordinal);
        await chat.AssertBystandersUntouchedAsync();
    }

    [Fact]
    public async Task Tab_and_line_breaks_are_the_control_characters_a_text_may_hold()
    {
        await using var chat = await BystanderChat.StartAsync();

        var id = await ApiClient.SendAsync(chat.Client, "mary", "all", "a\tb\r\nc");

        Assert.Equal("data: mary to all: a\tb\ndata: c", await chat.Watcher.NextEventAsync());
        var block = await chat.Observer.NextEventAsync();
        Assert.Equal(id, ApiClient.IdOf(block));
        Assert.Contains("\"text\":\"a\\tb\\r\\nc\"", SseReader.DataOf(block), StringComparison.Ordinal);
    }

    // '€' is three UTF-8 bytes: nine characters of request line per character of text, the worst case.
    private static string Euros(int count) => new StringBuilder(count * 9).Insert(0, "%E2%82%AC", count).ToString();
}
