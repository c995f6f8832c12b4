using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Parley.Tests.BadInput;

/// <summary><c>POST /api/messages</c> with a body that is not the JSON it takes.</summary>
public sealed class BadApiBodyTests
{
    private const string MalformedPrefix = "the body is not valid JSON for { \"to\", \"text\" }: ";

    [Theory]
    [InlineData("{\"from\":", "Path: $.from | LineNumber: 0 | BytePositionInLine: 8.")]
    [InlineData("{\"from\":\"mary\",\"to\":\"all\",\"text\":\"hi\"", "Path: $ | LineNumber: 0 | BytePositionInLine: 37.")]
    [InlineData("hello", "Path: $ | LineNumber: 0 | BytePositionInLine: 0.")]
    [InlineData("", "Path: $ | LineNumber: 0 | BytePositionInLine: 0.")]
    [InlineData("[1]", "Path: $ | LineNumber: 0 | BytePositionInLine: 1.")]
    [InlineData("{\"from\":\"mary\",\"to\":\"all\",\"text\":5}", "Path: $.text | LineNumber: 0 | BytePositionInLine: 34.")]
    public async Task A_body_that_is_not_a_message_object_is_refused_as_malformed_json(string body, string position)
    {
        await using var chat = await BystanderChat.StartAsync();

        using var response = await PostAsync(chat, body, "application/json");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.ToString());
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Malformed JSON", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        var detail = problem.RootElement.GetProperty("detail").GetString();
        Assert.StartsWith(MalformedPrefix, detail, StringComparison.Ordinal); // then System.Text.Json's own words, which name the position
        Assert.EndsWith(position, detail, StringComparison.Ordinal);
        await chat.AssertBystandersUntouchedAsync();
    }

    [Fact]
    public async Task A_json_null_is_refused_as_malformed_json()
    {
        await using var chat = await BystanderChat.StartAsync();

        using var response = await PostAsync(chat, "null", "application/json");

        await Refusal.AssertProblemAsync(
            response,
            400,
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"Malformed JSON","status":400,"detail":"the body must be a JSON object { \"to\", \"text\" }"}""");
        await chat.AssertBystandersUntouchedAsync();
    }

    [Theory]
    [InlineData("""{"from":"mary","text":"hi"}""", "to", $"'' is neither 'all' nor a valid nick: {Refusal.NickRule}")]
    [InlineData("""{"from":"mary","to":"all"}""", "text", "a message needs text: it is empty or only white space")]
    [InlineData("""{}""", "to", $"'' is neither 'all' nor a valid nick: {Refusal.NickRule}")]
    public async Task A_message_missing_a_field_is_refused_naming_the_field(string body, string field, string reason)
    {
        await using var chat = await BystanderChat.StartAsync();

        using var response = await PostAsync(chat, body, "application/json");

        await Refusal.AssertProblemAsync(response, 400, Refusal.Invalid(field, reason));
        await chat.AssertBystandersUntouchedAsync();
    }

    [Theory]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task A_body_that_is_not_declared_json_is_refused_with_415(string? contentType)
    {
        await using var chat = await BystanderChat.StartAsync();

        using var response = await PostAsync(chat, """{"from":"mary","to":"all","text":"hi"}""", contentType);

        await Refusal.AssertProblemAsync(
            response,
            415,
            $$"""{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.16","title":"Unsupported content type","status":415,"detail":"send the message as JSON with 'Content-Type: application/json', not '{{contentType ?? "(none)"}}'"}""");
        await chat.AssertBystandersUntouchedAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_over_65536_bytes_is_refused_with_413_naming_the_setting(bool chunked)
    {
        await using var chat = await BystanderChat.StartAsync();
        var body = $$"""{"from":"mary","to":"all","text":"{{new string('x', 65536)}}"}""";

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = Json(body, "application/json") };
        request.Headers.TransferEncodingChunked = chunked;
        using var response = await chat.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await Refusal.AssertProblemAsync(
            response,
            413,
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.14","title":"Body too large","status":413,"detail":"the body is larger than the 65536 bytes allowed (setting Kestrel:Limits:MaxRequestBodySize)"}""");
        await chat.AssertBystandersUntouchedAsync();
    }

    /// <summary>Posts as mary, in her guest session, whatever the body says.</summary>
    private static async Task<HttpResponseMessage> PostAsync(BystanderChat chat, string body, string? contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = Json(body, contentType) };
        request.Headers.Add("Cookie", await chat.Server.GuestCookieAsync("mary"));
        return await chat.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static ByteArrayContent Json(string body, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }
}
