using System.Net.Http.Json;
using Parley.Tests.Infrastructure;
using Parley.Tests.Streams;

namespace Parley.Tests.Accounts;

/// <summary>
/// Nobody reads or speaks for a nick that is someone's: not on the seed routes, which carry no session, and not on the
/// JSON routes, which take the nick from the session and refuse a request that names another.
/// </summary>
[Trait("Category", "Slow")] // a password hash per registration and login
public sealed class ImpersonationTests
{
    private const string Password = "correct horse";

    public enum Owner
    {
        Registered,
        Guest,
    }

    private static async Task<Visitor> OwnAsync(ParleyServer server, Owner owner, string nick)
    {
        var visitor = Visitor.To(server);
        (await (owner == Owner.Registered ? visitor.RegisterAsync(nick, Password) : visitor.GuestAsync(nick))).Dispose();
        return visitor;
    }

    private static string SeedReason(Owner owner, string nick) => owner == Owner.Registered
        ? $"'{nick}' is a registered nick: only its owner may use it, by logging in on the page (the seed routes carry no password)\n"
        : $"'{nick}' is held by a guest's session on the page; the seed routes may use only nicks that nobody holds\n";

    [Theory]
    [InlineData(Owner.Registered, "mary")]
    [InlineData(Owner.Registered, "MARY")]
    [InlineData(Owner.Guest, "mary")]
    [InlineData(Owner.Guest, "Mary")]
    public async Task The_seed_stream_of_an_owned_nick_is_refused_with_403(Owner owner, string asked)
    {
        await using var server = await ParleyServer.StartAsync();
        using var mary = await OwnAsync(server, owner, "mary");

        var response = await RawHttp.GetAsync(server.BaseAddress, "/" + asked, "Accept: text/event-stream");

        Assert.Equal((403, SeedReason(owner, asked)), (response.Status, response.Text));
    }

    [Theory]
    [InlineData(Owner.Registered)]
    [InlineData(Owner.Guest)]
    public async Task A_seed_send_as_an_owned_nick_is_refused_with_403_and_delivers_nothing(Owner owner)
    {
        await using var server = await ParleyServer.StartAsync();
        using var mary = await OwnAsync(server, owner, "mary");
        using var client = server.CreateClient();
        await using var john = await SseReader.OpenAsync(client, "/john");
        await john.NextDataAsync(2);

        var response = await RawHttp.GetAsync(server.BaseAddress, "/msg/mary/john%20give%20me%20your%20password");
        await Send.ViaSeedAsync(client, "paul", "john", "after");

        Assert.Equal((403, SeedReason(owner, "mary")), (response.Status, response.Text));
        Assert.Equal("paul: after", await john.NextDataAsync());
    }

    [Theory]
    [InlineData(Owner.Registered)]
    [InlineData(Owner.Guest)]
    public async Task A_seed_send_to_an_owned_nick_is_delivered_as_before(Owner owner)
    {
        await using var server = await ParleyServer.StartAsync();
        using var mary = await OwnAsync(server, owner, "mary");
        await using var stream = await SseReader.OpenAsync(mary.Http, "/api/events");

        var response = await RawHttp.GetAsync(server.BaseAddress, "/msg/john/mary%20hello");

        Assert.Equal(204, response.Status);
        await stream.NextEventAsync(); // welcome
        await stream.NextEventAsync(); // online
        Assert.Contains("\"text\":\"hello\"", await stream.NextEventAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Owner.Registered)]
    [InlineData(Owner.Guest)]
    public async Task Another_session_cannot_take_an_owned_nick(Owner owner)
    {
        await using var server = await ParleyServer.StartAsync();
        using var mary = await OwnAsync(server, owner, "mary");
        using var other = Visitor.To(server);

        Assert.Equal(409, (await Visitor.ReadAsync(other.GuestAsync("mary"))).Status);
        Assert.Equal(409, (await Visitor.ReadAsync(other.RegisterAsync("mary", "my own password"))).Status);
    }

    [Fact]
    public async Task A_json_send_that_names_another_sender_is_refused_with_403()
    {
        await using var server = await ParleyServer.StartAsync();
        using var paul = await OwnAsync(server, Owner.Guest, "paul");

        var refused = await Visitor.ProblemAsync(paul.PostAsync("/api/messages", new { from = "mary", to = "all", text = "I am mary" }));

        Assert.Equal((403, "this session is 'paul'; it cannot act as 'mary'"), refused);
    }

    [Fact]
    public async Task A_json_stream_that_names_another_nick_is_refused_with_403()
    {
        await using var server = await ParleyServer.StartAsync();
        using var paul = await OwnAsync(server, Owner.Guest, "paul");

        var refused = await Visitor.ProblemAsync(paul.GetAsync("/api/events?nick=mary"));

        Assert.Equal((403, "this session is 'paul'; it cannot act as 'mary'"), refused);
    }

    [Fact]
    public async Task A_json_send_goes_out_as_the_session_nick_whatever_the_body_leaves_out()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var john = await SseReader.OpenAsync(client, "/john");
        await john.NextDataAsync(2);
        using var mary = await OwnAsync(server, Owner.Registered, "mary");

        Assert.Equal(201, (await Visitor.ReadAsync(mary.SendAsync("john", "from the session"))).Status);
        Assert.Equal("mary: from the session", await john.NextDataAsync());
    }

    [Fact]
    public async Task The_offline_mailbox_of_a_registered_nick_is_read_only_by_its_owner()
    {
        await using var server = await ParleyServer.StartAsync();
        using var mary = await OwnAsync(server, Owner.Registered, "mary");
        (await mary.DeleteAsync("/api/session")).Dispose(); // offline, logged out
        Assert.Equal(204, (await RawHttp.GetAsync(server.BaseAddress, "/msg/john/mary%20only%20for%20mary")).Status);
        using var thief = Visitor.To(server);

        var seed = await RawHttp.GetAsync(server.BaseAddress, "/mary", "Accept: text/event-stream");
        var guest = await Visitor.ReadAsync(thief.GuestAsync("mary"));
        var json = await Visitor.ReadAsync(thief.GetAsync("/api/events?nick=mary"));
        var history = await Visitor.ReadAsync(thief.GetAsync("/api/history?nick=mary"));

        Assert.Equal((403, 409, 401, 401), (seed.Status, guest.Status, json.Status, history.Status));
        (await mary.LogInAsync("mary", Password)).Dispose();
        await using var stream = await SseReader.OpenAsync(mary.Http, "/api/events");
        await stream.NextEventAsync(); // welcome
        await stream.NextEventAsync(); // online
        Assert.Contains("\"text\":\"only for mary\"", await stream.NextEventAsync(), StringComparison.Ordinal);
    }
}
