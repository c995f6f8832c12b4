using System.Net.Http.Json;
using Parley.Tests.Api;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Accounts;

/// <summary><c>POST /api/session</c> with a nick alone: a guest holds a free nick, and nobody else can take it meanwhile.</summary>
public sealed class GuestSessionTests
{
    [Fact]
    public async Task A_guest_session_holds_its_nick_and_says_who_it_is()
    {
        await using var server = await ParleyServer.StartAsync();
        using var mary = Visitor.To(server);

        Assert.Equal((200, """{"nick":"mary","kind":"guest","admin":false}"""), await Visitor.ReadAsync(mary.GuestAsync("mary")));
        Assert.Equal((200, """{"nick":"mary","kind":"guest","admin":false}"""), await Visitor.ReadAsync(mary.GetAsync("/api/session")));
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site_strict()
    {
        await using var server = await ParleyServer.StartAsync();
        using var mary = Visitor.To(server);

        using var response = await mary.GuestAsync("mary");

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("parley_session=", cookie, StringComparison.Ordinal);
        Assert.Contains("; path=/", cookie, StringComparison.Ordinal);
        Assert.Contains("; samesite=strict", cookie, StringComparison.Ordinal);
        Assert.Contains("; httponly", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // plain HTTP here; SameAsRequest adds it under HTTPS
    }

    [Fact]
    public async Task Over_https_the_session_cookie_is_also_secure()
    {
        // HTTPS as a TLS proxy in front of Parley reports it: from a known proxy, X-Forwarded-Proto makes the request HTTPS.
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?> { ["Parley:Security:KnownProxies:0"] = "127.0.0.1" });
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/session") { Content = JsonContent.Create(new { nick = "mary" }) };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("; secure", cookie, StringComparison.Ordinal);
        Assert.Contains("; samesite=strict", cookie, StringComparison.Ordinal);
        Assert.Contains("; httponly", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_session_the_api_says_how_to_start_one()
    {
        await using var server = await ParleyServer.StartAsync();
        using var nobody = Visitor.To(server);

        Assert.Equal(
            (401, "this needs a session: start one with POST /api/session (a nick alone for a guest, or a nick and password to log in)"),
            await Visitor.ProblemAsync(nobody.GetAsync("/api/session")));
    }

    [Theory]
    [InlineData("mary")]
    [InlineData("MARY")]
    public async Task A_second_guest_cannot_take_a_held_nick_in_any_letter_case(string nick)
    {
        await using var server = await ParleyServer.StartAsync();
        using var mary = Visitor.To(server);
        using var other = Visitor.To(server);
        (await mary.GuestAsync("mary")).Dispose();

        Assert.Equal(
            (409, $"'{nick}' is held by another guest's session; pick another nick"),
            await Visitor.ProblemAsync(other.GuestAsync(nick)));
    }

    [Fact]
    public async Task Two_guests_who_pick_the_same_nick_never_share_a_stream()
    {
        await using var server = await ParleyServer.StartAsync();
        using var mary = Visitor.To(server);
        using var other = Visitor.To(server);
        (await mary.GuestAsync("mary")).Dispose();
        await using var stream = await SseReader.OpenAsync(mary.Http, "/api/events");
        (await other.GuestAsync("mary")).Dispose(); // refused, as above

        using var response = await other.Http.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);

        Assert.Equal(401, (int)response.StatusCode);
    }

    [Fact]
    public async Task Logging_out_frees_a_guest_nick_for_the_next_person()
    {
        await using var server = await ParleyServer.StartAsync();
        using var mary = Visitor.To(server);
        using var next = Visitor.To(server);
        (await mary.GuestAsync("mary")).Dispose();

        Assert.Equal(204, (await Visitor.ReadAsync(mary.DeleteAsync("/api/session"))).Status);

        Assert.Equal(401, (await Visitor.ReadAsync(mary.GetAsync("/api/session"))).Status);
        Assert.Equal((200, """{"nick":"mary","kind":"guest","admin":false}"""), await Visitor.ReadAsync(next.GuestAsync("mary")));
    }

    [Fact]
    public async Task A_guest_who_picks_another_nick_frees_the_first()
    {
        await using var server = await ParleyServer.StartAsync();
        using var guest = Visitor.To(server);
        using var next = Visitor.To(server);
        (await guest.GuestAsync("mary")).Dispose();

        (await guest.GuestAsync("maria")).Dispose();

        Assert.Equal((200, """{"nick":"mary","kind":"guest","admin":false}"""), await Visitor.ReadAsync(next.GuestAsync("mary")));
        Assert.Equal((200, """{"nick":"maria","kind":"guest","admin":false}"""), await Visitor.ReadAsync(guest.GetAsync("/api/session")));
    }

    [Fact]
    public async Task A_nick_in_use_on_the_seed_routes_cannot_become_a_guest_session()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var seedJohn = await SseReader.OpenAsync(client, "/john");
        using var guest = Visitor.To(server);

        Assert.Equal(
            (409, "'john' is in use by someone on the seed routes right now; pick another nick"),
            await Visitor.ProblemAsync(guest.GuestAsync("john")));
    }

    [Fact]
    public async Task A_lapsed_hold_is_free_again_once_its_guest_has_no_stream()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?> { ["Parley:Auth:GuestIdleTimeout"] = "00:10:00" }, clock);
        using var mary = Visitor.To(server);
        using var next = Visitor.To(server);
        (await mary.GuestAsync("mary")).Dispose();
        var stream = await SseReader.OpenAsync(mary.Http, "/api/events");
        clock.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(409, (await Visitor.ReadAsync(next.GuestAsync("mary"))).Status); // her stream is still open
        await stream.DisposeAsync(); // the hold runs from its stream's end again
        await Timeouts.WaitUntilAsync(async () => !(await OnlineUsers.GetAsync(next.Http)).Contains("mary", StringComparison.Ordinal), "mary's stream is gone");
        clock.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(200, (await Visitor.ReadAsync(next.GuestAsync("mary"))).Status);

        Assert.Equal(401, (await Visitor.ReadAsync(mary.GetAsync("/api/session"))).Status);
    }

    [Fact]
    public async Task With_guests_turned_off_a_nick_alone_is_refused_and_so_are_the_seed_routes()
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?> { ["Parley:Auth:AllowGuests"] = "false" });
        using var mary = Visitor.To(server);

        Assert.Equal(
            (403, "a nick without a password is a guest: guests are turned off on this server (setting Parley:Auth:AllowGuests), so register or log in on the page"),
            await Visitor.ProblemAsync(mary.GuestAsync("mary")));
        var stream = await RawHttp.GetAsync(server.BaseAddress, "/mary", "Accept: text/event-stream");
        var send = await RawHttp.GetAsync(server.BaseAddress, "/msg/mary/all%20hi");
        Assert.Equal(
            (403, "the seed stream is for guests only: guests are turned off on this server (setting Parley:Auth:AllowGuests), so register or log in on the page\n"),
            (stream.Status, stream.Text));
        Assert.Equal(
            (403, "sending is for guests only: guests are turned off on this server (setting Parley:Auth:AllowGuests), so register or log in on the page\n"),
            (send.Status, send.Text));
        Assert.Equal((201, """{"nick":"mary","kind":"registered","admin":false}"""), await Visitor.ReadAsync(mary.RegisterAsync("mary", "correct horse")));
        Assert.Equal(201, (await Visitor.ReadAsync(mary.SendAsync("all", "registered users still chat"))).Status);
    }

    [Fact]
    public async Task A_guest_stream_that_outlived_the_idle_timeout_keeps_the_nick_held_when_it_closes()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?> { ["Parley:Auth:GuestIdleTimeout"] = "00:10:00" }, clock);
        using var mary = Visitor.To(server);
        using var next = Visitor.To(server);
        (await mary.GuestAsync("mary")).Dispose();
        var stream = await SseReader.OpenAsync(mary.Http, "/api/events");
        clock.Advance(TimeSpan.FromMinutes(11)); // longer than the idle timeout, with no request but the open stream

        await stream.DisposeAsync(); // a network blip: her browser will be back in seconds
        await Timeouts.WaitUntilAsync(async () => !(await OnlineUsers.GetAsync(next.Http)).Contains("mary", StringComparison.Ordinal), "mary's stream is gone");

        Assert.Equal(409, (await Visitor.ReadAsync(next.GuestAsync("mary"))).Status);
        Assert.Equal(200, (await Visitor.ReadAsync(mary.GetAsync("/api/session"))).Status);
    }

    [Fact]
    public async Task Guest_sessions_started_from_one_address_stop_at_the_limit_per_minute()
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?> { ["Parley:Limits:GuestSessionsPerAddressPerMinute"] = "3" });
        var answers = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            using var sprayer = Visitor.To(server);
            answers.Add((await Visitor.ReadAsync(sprayer.GuestAsync($"squat{i}"))).Status);
        }

        Assert.Equal([200, 200, 200, 429], answers);
    }

    [Fact]
    public async Task A_guest_who_logs_out_with_a_stream_open_frees_the_nick_once_the_stream_ends()
    {
        await using var server = await ParleyServer.StartAsync();
        using var mary = Visitor.To(server);
        using var next = Visitor.To(server);
        (await mary.GuestAsync("mary")).Dispose();
        var stream = await SseReader.OpenAsync(mary.Http, "/api/events");

        (await mary.DeleteAsync("/api/session")).Dispose();
        await stream.DisposeAsync(); // ending the stream must not take the hold up again
        await Timeouts.WaitUntilAsync(async () => !(await OnlineUsers.GetAsync(next.Http)).Contains("mary", StringComparison.Ordinal), "mary's stream is gone");

        Assert.Equal((200, """{"nick":"mary","kind":"guest","admin":false}"""), await Visitor.ReadAsync(next.GuestAsync("mary")));
    }
}
