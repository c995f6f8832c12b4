using Microsoft.Playwright;
using Parley.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Tests.Browser;

/// <summary>Picking a nick on the page opens the chat; the login screen says what a guest nick is and is not.</summary>
[Collection(SharedChromium.Name)]
[Trait("Category", "Slow")]
public sealed class LoginTests(Chromium chromium)
{
    [Fact]
    public async Task Picking_a_nick_shows_the_chat_titled_with_the_nick_and_connected()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var john = await Person.OpenAsync(chromium, server);
        await Expect(john.Page).ToHaveTitleAsync("Parley");
        await Expect(john.MessageInput).ToBeHiddenAsync();

        await john.NickInput.FillAsync("john");
        await john.JoinButton.ClickAsync();

        await Expect(john.Status).ToHaveTextAsync("connected");
        await Expect(john.Page).ToHaveTitleAsync("john");
        await Expect(john.NickInput).ToBeHiddenAsync();
        await Expect(john.MessageInput).ToBeVisibleAsync();
        await Expect(john.MessageInput).ToBeFocusedAsync();
        await Expect(john.OnlineNick("john")).ToHaveTextAsync("john (you)");
        await Expect(john.LogOutButton).ToBeVisibleAsync();
        await Expect(john.ChangePasswordButton).ToBeHiddenAsync(); // a guest has no password
        await john.ExpectLineAsync(
            "Welcome",
            "system",
            "info Welcome, john! Start a line with “all” to talk to everyone, or with a nick to talk to one person.");
    }

    [Fact]
    public async Task Beside_picking_a_nick_the_login_screen_says_a_guest_nick_is_not_private_and_offers_log_in_and_register()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var john = await Person.OpenAsync(chromium, server);

        await Expect(john.NickInput).ToBeFocusedAsync(); // the simplest path comes first
        await Expect(john.NickInput).ToHaveAccessibleDescriptionAsync(
            "1–32 letters, digits, “_”, “-” or “.”; “all” is reserved. A guest nick is yours while you use it, but not private: "
            + "as in the original chat, anyone using Parley’s old protocol may use a nick that nobody holds. Register to make a nick yours.");
        await Expect(john.Page.GetByRole(AriaRole.Heading, new() { Name = "Log in or register", Exact = true })).ToBeVisibleAsync();
        await Expect(john.AccountNickInput).ToBeEditableAsync();
        await Expect(john.PasswordInput).ToHaveAttributeAsync("type", "password");
        await Expect(john.LogInButton).ToBeVisibleAsync();
        await Expect(john.RegisterButton).ToBeVisibleAsync();
        await Expect(john.LogOutButton).ToBeHiddenAsync();
    }
}
