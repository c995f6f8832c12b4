using Parley.Tests.Accounts;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Moderation;

/// <summary>
/// Whoever registers a listed admin nick first is its admin, so only the operator on the machine (a loopback client
/// address) may register it or hold it as a guest; remote clients behind a configured proxy are not loopback.
/// </summary>
public sealed class AdminNickReservationTests
{
    private const string Remote = "203.0.113.7";

    [Fact]
    public async Task A_remote_client_may_not_register_an_admin_nick_in_any_letter_case()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.BehindProxy());
        using var remote = From(server, Remote);

        Assert.Equal(
            (403, "'BOSS' is reserved for an admin; register it from the server itself"),
            await Visitor.ProblemAsync(remote.RegisterAsync("BOSS", AdminDesk.Password)));
        Assert.Equal(401, (await Visitor.ReadAsync(remote.LogInAsync("boss", AdminDesk.Password))).Status);
    }

    [Fact]
    public async Task A_remote_guest_may_not_hold_an_admin_nick()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.BehindProxy());
        using var remote = From(server, Remote);

        Assert.Equal(
            (403, "'boss' is reserved for an admin; log in with its password"),
            await Visitor.ProblemAsync(remote.GuestAsync("boss")));
        Assert.Equal(200, (await Visitor.ReadAsync(remote.GuestAsync("mary"))).Status);
    }

    [Fact]
    public async Task The_operator_registers_the_admin_nick_from_loopback_and_then_logs_in_from_anywhere()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.BehindProxy());
        using var onTheServer = From(server, "127.0.0.1");
        Assert.Equal((201, """{"nick":"boss","kind":"registered","admin":true}"""), await Visitor.ReadAsync(onTheServer.RegisterAsync("boss", AdminDesk.Password)));

        using var remote = From(server, Remote);

        Assert.Equal((200, """{"nick":"boss","kind":"registered","admin":true}"""), await Visitor.ReadAsync(remote.LogInAsync("boss", AdminDesk.Password)));
    }

    [Fact]
    public async Task Each_admin_nick_without_an_account_is_warned_about_at_start()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings(new Dictionary<string, string?> { ["Parley:Moderation:Admins:1"] = "mary" }));

        string?[] warned = ["boss", "mary"];
        Assert.Equal(warned, server.LogEntriesOf(104).Select(entry => entry["Nick"] as string));
        Assert.All(server.LogEntriesOf(104), entry => Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, entry.Level));
    }

    private static Visitor From(ParleyServer server, string address)
    {
        var visitor = Visitor.To(server);
        visitor.Http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return visitor;
    }
}
