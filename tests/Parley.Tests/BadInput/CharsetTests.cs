using Parley.Tests.Api;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.BadInput;

/// <summary>
/// <c>POST /api/messages</c> takes JSON in UTF-8, the charset JSON has on the wire: declared utf-8 in any case,
/// quoted or not, or no charset at all. Any other charset is refused with 415 naming it, never a 500.
/// </summary>
public sealed class CharsetTests
{
    private const string Message = """{"from":"mary","to":"all","text":"hi"}""";

    [Theory]
    [InlineData("application/json; charset=foo", "foo")]
    [InlineData("application/json; charset=utf-7", "utf-7")]
    [InlineData("application/json; charset=UTF-16", "UTF-16")]
    [InlineData("application/json; charset=\"foo\"", "foo")]
    [InlineData("application/json; charset=\"\"", "")]
    public async Task A_body_in_a_charset_other_than_utf8_is_refused_with_415_naming_it(string contentType, string charset)
    {
        await using var chat = await BystanderChat.StartAsync();

        var response = await RawPost.JsonAsync(chat.Server, contentType, Message);

        Refusal.AssertProblem(
            response,
            415,
            $$"""{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.16","title":"Unsupported charset","status":415,"detail":"send the message as UTF-8 JSON ('Content-Type: application/json' or 'application/json; charset=utf-8'), not in charset '{{charset}}'"}""");
        Refusal.AssertNoFailureLogged(chat.Server);
        await chat.AssertBystandersUntouchedAsync();
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json; charset=\"UTF-8\"")]
    [InlineData("application/json;charset=Utf-8")]
    [InlineData("Application/JSON; Charset=utf-8")]
    public async Task A_body_declared_as_utf8_json_is_accepted_and_delivered(string contentType)
    {
        await using var chat = await BystanderChat.StartAsync();

        var response = await RawPost.JsonAsync(chat.Server, contentType, Message);

        Assert.True(response.Status == 201, $"answered {response.Status}: {response.Text}");
        Assert.Equal("data: mary to all: hi", await chat.Watcher.NextEventAsync());
        Assert.Equal(ApiClient.IdOfAccepted(response.Text), ApiClient.IdOf(await chat.Observer.NextEventAsync()));
        Refusal.AssertNoFailureLogged(chat.Server);
    }
}
