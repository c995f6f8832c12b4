using System.Net.Http.Json;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Accounts;

/// <summary><c>POST /api/accounts</c>, logging in and out, and changing the password.</summary>
[Trait("Category", "Slow")] // a password hash per registration and login
public sealed class AccountTests
{
    private const string Password = "correct horse";

    [Fact]
    public async Task Registering_a_free_nick_creates_the_account_and_logs_in()
    {
        await using var server = await ParleyServer.StartAsync();
        using var mary = Visitor.To(server);

        Assert.Equal((201, """{"nick":"Mary","kind":"registered","admin":false}"""), await Visitor.ReadAsync(mary.RegisterAsync("Mary", Password)));
        Assert.Equal((200, """{"nick":"Mary","kind":"registered","admin":false}"""), await Visitor.ReadAsync(mary.GetAsync("/api/session")));
    }

    [Fact]
    public async Task A_registered_nick_cannot_be_registered_again_in_any_letter_case()
    {
        await using var server = await ParleyServer.StartAsync();
        using var mary = Visitor.To(server);
        using var other = Visitor.To(server);
        (await mary.RegisterAsync("mary", Password)).Dispose();

        Assert.Equal(
            (409, "'MARY' is a registered nick: log in with its password, or pick another nick"),
            await Visitor.ProblemAsync(other.RegisterAsync("MARY", "another password")));
    }

    [Theory]
    [InlineData("short", "a password needs at least 8 characters (setting Parley:Auth:MinPasswordLength)")]
    [InlineData("", "a password needs at least 8 characters (setting Parley:Auth:MinPasswordLength)")]
    public async Task A_password_that_breaks_the_rule_is_refused_naming_the_setting(string password, string reason)
    {
        await using var server = await ParleyServer.StartAsync();
        using var mary = Visitor.To(server);

        Assert.Equal((400, reason), await Visitor.ProblemAsync(mary.RegisterAsync("mary", password)));
    }

    [Fact]
    public async Task A_password_longer_than_the_limit_is_refused_before_any_hashing()
    {
        await using var server = await ParleyServer.StartAsync();
        using var mary = Visitor.To(server);

        Assert.Equal(
            (400, "a password may have at most 256 characters (setting Parley:Auth:MaxPasswordLength)"),
            await Visitor.ProblemAsync(mary.RegisterAsync("mary", new string('x', 257))));
    }

    [Fact]
    public async Task The_right_password_logs_in_from_another_browser()
    {
        await using var server = await ParleyServer.StartAsync();
        using (var first = Visitor.To(server))
        {
            (await first.RegisterAsync("mary", Password)).Dispose();
        }

        using var second = Visitor.To(server);

        Assert.Equal((200, """{"nick":"mary","kind":"registered","admin":false}"""), await Visitor.ReadAsync(second.LogInAsync("MARY", Password)));
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_nick_get_the_same_answer()
    {
        await using var server = await ParleyServer.StartAsync();
        using var mary = Visitor.To(server);
        (await mary.RegisterAsync("mary", Password)).Dispose();
        using var guesser = Visitor.To(server);

        var wrongPassword = await Visitor.ProblemAsync(guesser.LogInAsync("mary", "not the password"));
        var unknownNick = await Visitor.ProblemAsync(guesser.LogInAsync("nobody", "not the password"));

        Assert.Equal((401, "wrong nick or password"), wrongPassword);
        Assert.Equal(wrongPassword, unknownNick);
        Assert.Equal(401, (await Visitor.ReadAsync(guesser.GetAsync("/api/session"))).Status);
    }

    [Fact]
    public async Task Logging_out_ends_the_session()
    {
        await using var server = await ParleyServer.StartAsync();
        using var mary = Visitor.To(server);
        (await mary.RegisterAsync("mary", Password)).Dispose();

        Assert.Equal(204, (await Visitor.ReadAsync(mary.DeleteAsync("/api/session"))).Status);

        Assert.Equal(401, (await Visitor.ReadAsync(mary.GetAsync("/api/session"))).Status);
        Assert.Equal(401, (await Visitor.ReadAsync(mary.SendAsync("all", "hi"))).Status);
    }

    [Fact]
    public async Task A_guest_can_register_the_nick_it_holds()
    {
        await using var server = await ParleyServer.StartAsync();
        using var mary = Visitor.To(server);
        (await mary.GuestAsync("mary")).Dispose();

        Assert.Equal((201, """{"nick":"mary","kind":"registered","admin":false}"""), await Visitor.ReadAsync(mary.RegisterAsync("mary", Password)));
    }

    [Fact]
    public async Task Changing_the_password_ends_every_other_session_and_keeps_this_one()
    {
        await using var server = await ParleyServer.StartAsync();
        using var laptop = Visitor.To(server);
        using var phone = Visitor.To(server);
        (await laptop.RegisterAsync("mary", Password)).Dispose();
        (await phone.LogInAsync("mary", Password)).Dispose();

        var changed = await Visitor.ReadAsync(laptop.Http.PutAsJsonAsync(
            "/api/account/password", new { password = Password, newPassword = "battery staple" }, TestContext.Current.CancellationToken));

        Assert.Equal(204, changed.Status);
        Assert.Equal(200, (await Visitor.ReadAsync(laptop.GetAsync("/api/session"))).Status);
        Assert.Equal(401, (await Visitor.ReadAsync(phone.GetAsync("/api/session"))).Status);
        using var next = Visitor.To(server);
        Assert.Equal(401, (await Visitor.ReadAsync(next.LogInAsync("mary", Password))).Status);
        Assert.Equal(200, (await Visitor.ReadAsync(next.LogInAsync("mary", "battery staple"))).Status);
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one()
    {
        await using var server = await ParleyServer.StartAsync();
        using var mary = Visitor.To(server);
        (await mary.RegisterAsync("mary", Password)).Dispose();

        var refused = await Visitor.ProblemAsync(mary.Http.PutAsJsonAsync(
            "/api/account/password", new { password = "a wrong guess", newPassword = "battery staple" }, TestContext.Current.CancellationToken));

        Assert.Equal((401, "the current password is wrong"), refused);
        Assert.Equal(200, (await Visitor.ReadAsync(mary.LogInAsync("mary", Password))).Status);
    }

    [Fact]
    public async Task Messages_waiting_for_a_registered_nick_do_not_count_against_the_guests_total()
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?> { ["Parley:Limits:MaxWaitingForGuests"] = "1" });
        using var mary = Visitor.To(server);
        (await mary.RegisterAsync("mary", Password)).Dispose();
        (await mary.DeleteAsync("/api/session")).Dispose(); // offline: what comes now waits in her mailbox

        var first = await RawHttp.GetAsync(server.BaseAddress, "/msg/john/guest1%20one");
        var second = await RawHttp.GetAsync(server.BaseAddress, "/msg/john/guest2%20two");
        var toMary = await RawHttp.GetAsync(server.BaseAddress, "/msg/john/mary%20kept%20for%20her");

        Assert.Equal((204, 429, 204), (first.Status, second.Status, toMary.Status));
    }
}
