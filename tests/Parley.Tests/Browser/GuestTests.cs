using Parley.Tests.Api;
using Parley.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Tests.Browser;

/// <summary>A guest holds the nick they picked for as long as their session lasts, across reloads, and no longer.</summary>
[Collection(SharedChromium.Name)]
[Trait("Category", "Slow")]
public sealed class GuestTests(Chromium chromium)
{
    [Fact]
    public async Task Two_guests_who_pick_the_same_nick_do_not_share_a_stream_the_second_is_told_it_is_taken()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var first = await Person.OpenAsync(chromium, server);
        await first.JoinAsync("john");
        await using var second = await Person.OpenAsync(chromium, server);

        await second.NickInput.FillAsync("John");
        await second.JoinButton.ClickAsync();

        await Expect(second.GuestRefusal).ToHaveTextAsync(Refusals.HeldByAnotherGuest("John"));
        await Expect(second.NickInput).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(second.MessageInput).ToBeHiddenAsync();
        using var client = server.CreateClient();
        Assert.Equal("""[{"nick":"john","streams":1}]""", await OnlineUsers.GetAsync(client));
    }

    [Fact]
    public async Task A_reload_keeps_the_session_and_goes_straight_back_into_the_chat_with_what_was_said()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var john = await Person.OpenAsync(chromium, server);
        await john.JoinAsync("john");
        await john.SayAsync("all said before the reload");

        await john.Page.ReloadAsync();

        await Expect(john.Status).ToHaveTextAsync("connected");
        await Expect(john.Page).ToHaveTitleAsync("john");
        await Expect(john.NickInput).ToBeHiddenAsync();
        await Expect(john.MessageInput).ToBeFocusedAsync();
        await john.ExpectLineAsync("said before the reload", "earlier", "all you: said before the reload");
        await john.SayAsync("all and after it");
        await john.ExpectLineAsync("and after it", "broadcast", "all you: and after it");
    }

    [Fact]
    public async Task A_guest_who_logs_out_leaves_the_nick_free_for_someone_else()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var first = await Person.OpenAsync(chromium, server);
        await first.JoinAsync("john");
        await using var second = await Person.OpenAsync(chromium, server);

        await first.LogOutAsync();
        await Expect(first.LoginNotice).ToHaveTextAsync("You have logged out.");

        await second.JoinAsync("john");
        await Expect(second.Page).ToHaveTitleAsync("john");
    }
}
