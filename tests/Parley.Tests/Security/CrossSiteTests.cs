using System.Text;
using Parley.Tests.BadInput;
using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.Security;

/// <summary>
/// A page of another site cannot make a visitor's browser send or open a stream: not with an <c>&lt;img&gt;</c> on the
/// seed's send route, not with an EventSource on anyone's stream, not with a form posting <c>text/plain</c>. Clients that
/// are no browser (curl, the seed's tools) send neither Origin nor Sec-Fetch-Site and are not refused.
/// </summary>
public sealed class CrossSiteTests
{
    private const string FromAnotherSite =
        "a page of another site may not use this route (Sec-Fetch-Site: cross-site): use this server's own page, or a client that is no browser";

    private const string AllowedOrigin = "https://chat.example.com";

    [Fact]
    public async Task A_seed_send_made_by_a_foreign_pages_img_is_refused_with_403_and_not_delivered()
    {
        await using var chat = await BystanderChat.StartAsync();

        var response = await RawHttp.GetAsync(
            chat.Server.BaseAddress, "/msg/mary/all%20forged", "Sec-Fetch-Site: cross-site", "Sec-Fetch-Mode: no-cors", "Sec-Fetch-Dest: image");

        Refusal.AssertSeed(response, 403, FromAnotherSite);
        await chat.AssertBystandersUntouchedAsync();
    }

    [Fact]
    public async Task A_seed_stream_opened_by_a_foreign_origin_is_refused_with_403()
    {
        await using var server = await ParleyServer.StartAsync();

        var response = await RawHttp.GetAsync(
            server.BaseAddress, "/john", "Accept: text/event-stream", "Origin: https://evil.example", "Sec-Fetch-Site: cross-site");

        Refusal.AssertSeed(response, 403, ForeignOrigin(server, "https://evil.example"));
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("null")] // a sandboxed frame or a file:// page
    [InlineData("http://127.0.0.1")] // this host on another port is another origin
    public async Task A_json_stream_opened_by_a_foreign_origin_is_refused_with_403_and_leaves_the_mailbox_alone(string origin)
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await SeedClient.SendAsync(server, "mary", "john%20waiting");

        var response = await RawHttp.GetAsync(server.BaseAddress, "/api/events?nick=john", "Accept: text/event-stream", "Origin: " + origin);

        Refusal.AssertProblem(response, 403, Problem(ForeignOrigin(server, origin)));
        await using var john = await SeedClient.LoginAsync(client, "john");
        Assert.Matches(@"^mary \(\d{4}-\d\d-\d\d \d\d:\d\d\): waiting$", await john.NextDataAsync());
    }

    [Fact]
    public async Task A_cross_site_text_plain_post_is_refused_with_403_before_its_content_type_is_read()
    {
        await using var chat = await BystanderChat.StartAsync();

        // What an HTML form on another site posts: text/plain needs no CORS preflight.
        var response = await PostAsync(
            chat.Server, "text/plain", """{"from":"mary","to":"all","text":"forged"}""", "Origin: https://evil.example", "Sec-Fetch-Site: cross-site");

        Refusal.AssertProblem(response, 403, Problem(ForeignOrigin(chat.Server, "https://evil.example")));
        await chat.AssertBystandersUntouchedAsync();
    }

    [Fact]
    public async Task A_text_plain_post_without_cross_site_headers_is_refused_with_415()
    {
        await using var chat = await BystanderChat.StartAsync();

        var response = await PostAsync(chat.Server, "text/plain", """{"from":"mary","to":"all","text":"forged"}""");

        Refusal.AssertProblem(
            response,
            415,
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.16","title":"Unsupported content type","status":415,"detail":"send the message as JSON with 'Content-Type: application/json', not 'text/plain'"}""");
        await chat.AssertBystandersUntouchedAsync();
    }

    [Fact]
    public async Task A_same_site_request_without_an_origin_is_refused_with_403()
    {
        await using var server = await ParleyServer.StartAsync();

        var response = await RawHttp.GetAsync(server.BaseAddress, "/msg/mary/all%20hello", "Sec-Fetch-Site: same-site");

        Refusal.AssertSeed(response, 403, FromAnotherSite.Replace("cross-site", "same-site", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")] // curl, the seed's tools
    [InlineData("Sec-Fetch-Site: none")] // typed into the address bar
    [InlineData("Sec-Fetch-Site: same-origin")] // the seed page's own send
    public async Task A_seed_send_from_no_browser_or_from_this_servers_page_is_taken(string header)
    {
        await using var server = await ParleyServer.StartAsync();

        var response = await RawHttp.GetAsync(server.BaseAddress, "/msg/mary/all%20hello", header.Length == 0 ? [] : [header]);

        Assert.Equal(204, response.Status);
    }

    [Fact]
    public async Task A_post_from_this_servers_own_page_is_taken()
    {
        await using var server = await ParleyServer.StartAsync();

        var response = await PostAsync(
            server, "application/json", """{"from":"mary","to":"all","text":"hello"}""", "Origin: " + OwnOrigin(server), "Sec-Fetch-Site: same-origin");

        Assert.Equal(201, response.Status);
    }

    [Fact]
    public async Task A_post_from_an_allow_listed_origin_on_another_site_is_taken()
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?> { ["Parley:Security:AllowedOrigins:0"] = AllowedOrigin });

        var response = await PostAsync(
            server, "application/json", """{"from":"mary","to":"all","text":"hello"}""", "Origin: " + AllowedOrigin, "Sec-Fetch-Site: cross-site");

        Assert.Equal(201, response.Status);
    }

    [Theory]
    [InlineData("POST", "/api/session", """{"nick":"mary"}""")]
    [InlineData("DELETE", "/api/session", "")]
    [InlineData("POST", "/api/accounts", """{"nick":"mary","password":"correct horse"}""")]
    [InlineData("PUT", "/api/account/password", """{"password":"a","newPassword":"correct horse"}""")]
    public async Task A_cross_site_change_to_a_session_is_refused_with_403(string method, string path, string body)
    {
        await using var server = await ParleyServer.StartAsync();
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = RawHttp.Head(
            server.BaseAddress, method, path, ["Content-Type: application/json", $"Content-Length: {bytes.Length}", "Origin: https://evil.example", "Sec-Fetch-Site: cross-site"]);

        var response = await RawHttp.ExchangeAsync(server.BaseAddress, [.. Encoding.Latin1.GetBytes(head), .. bytes]);

        Refusal.AssertProblem(response, 403, Problem(ForeignOrigin(server, "https://evil.example")));
        Assert.DoesNotContain(response.Headers, header => header.Key.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase));
    }

    private static string OwnOrigin(ParleyServer server) => "http://" + server.BaseAddress.Authority;

    private static string ForeignOrigin(ParleyServer server, string origin) =>
        $"a page of origin '{origin}' may not use this route: only this server's own page ({OwnOrigin(server)}) and the origins of setting Parley:Security:AllowedOrigins may";

    private static string Problem(string detail) =>
        $$"""{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.4","title":"Cross-site request refused","status":403,"detail":"{{detail}}"}""";

    /// <summary>Posts as mary, in her guest session: what is refused here is where the request comes from, not who sends it.</summary>
    private static async Task<RawResponse> PostAsync(ParleyServer server, string contentType, string body, params string[] headers)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var cookie = await server.GuestCookieAsync("mary");
        var head = RawHttp.Head(
            server.BaseAddress, "POST", "/api/messages", [$"Cookie: {cookie}", $"Content-Type: {contentType}", $"Content-Length: {bytes.Length}", .. headers]);
        return await RawHttp.ExchangeAsync(server.BaseAddress, [.. Encoding.Latin1.GetBytes(head), .. bytes]);
    }
}
