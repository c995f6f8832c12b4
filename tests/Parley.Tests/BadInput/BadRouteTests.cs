using Parley.Tests.Infrastructure;

namespace Parley.Tests.BadInput;

/// <summary>Requests for no route, for a stream without asking for one, or with a method the route does not take.</summary>
public sealed class BadRouteTests
{
    private const string RouteList =
        "the page is GET /, streams are GET /{nick} and GET /api/events?nick=, sends are GET /msg/{from}/{to}%20{text} and POST /api/messages";

    [Theory]
    [InlineData("john")]
    [InlineData("favicon.ico")] // the seed refused a browser's favicon request the same way
    public async Task A_stream_requested_without_accepting_an_event_stream_is_refused_with_406(string nick)
    {
        await using var chat = await BystanderChat.StartAsync();

        var response = await RawHttp.GetAsync(chat.Server.BaseAddress, "/" + nick, "Accept: text/html");

        Refusal.AssertSeed(
            response,
            406,
            $"GET /{nick} opens an event stream: send it with 'Accept: text/event-stream' (as EventSource does). The chat page is at /.");
        await chat.AssertBystandersUntouchedAsync();
    }

    [Theory]
    [InlineData("/a/b")]
    [InlineData("/api/nothing")]
    [InlineData("/john/extra")]
    public async Task An_unknown_path_is_refused_with_a_404_problem_listing_the_routes(string path)
    {
        await using var chat = await BystanderChat.StartAsync();

        var response = await RawHttp.GetAsync(chat.Server.BaseAddress, path);

        Refusal.AssertProblem(
            response,
            404,
            $$"""{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.5","title":"Not Found","status":404,"detail":"no route for GET {{path}}: {{RouteList}}"}""");
        await chat.AssertBystandersUntouchedAsync();
    }

    [Theory]
    [InlineData("GET", "/api/messages", "POST")]
    [InlineData("DELETE", "/api/messages", "POST")]
    [InlineData("POST", "/api/users/online", "GET")]
    [InlineData("POST", "/api/events", "GET")]
    public async Task A_method_an_api_route_does_not_take_is_refused_with_405(string method, string path, string allowed)
    {
        await using var chat = await BystanderChat.StartAsync();

        var response = await RawHttp.SendAsync(chat.Server.BaseAddress, method, path, "Content-Length: 0");

        Refusal.AssertProblem(
            response,
            405,
            $$"""{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.6","title":"Method Not Allowed","status":405,"detail":"{{path}} does not take {{method}}"}""");
        Assert.Equal(allowed, response.Header("Allow"));
        await chat.AssertBystandersUntouchedAsync();
    }
}
