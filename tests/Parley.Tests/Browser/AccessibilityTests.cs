using Parley.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Tests.Browser;

/// <summary>The page works for people using a screen reader or only a keyboard.</summary>
[Collection(SharedChromium.Name)]
[Trait("Category", "Slow")]
public sealed class AccessibilityTests(Chromium chromium)
{
    private const string UnlabelledInputs = """
        () => [...document.querySelectorAll('input, textarea, select')]
            .filter(input => input.labels.length === 0 && !input.hasAttribute('aria-label') && !input.hasAttribute('aria-labelledby'))
            .map(input => input.id || input.name || input.outerHTML)
        """;

    [Fact]
    public async Task Every_input_is_found_by_its_label()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var john = await Person.OpenAsync(chromium, server);

        await Expect(john.NickInput).ToBeEditableAsync();
        await Expect(john.AccountNickInput).ToBeEditableAsync();
        await Expect(john.PasswordInput).ToBeEditableAsync();
        await john.RegisterAsync("john", "a password of his own");
        await Expect(john.MessageInput).ToBeEditableAsync();
        await john.ChangePasswordButton.ClickAsync();
        await Expect(john.Page.GetByLabel("Current password", new() { Exact = true })).ToBeEditableAsync();
        await Expect(john.Page.GetByLabel("New password", new() { Exact = true })).ToBeEditableAsync();

        await Expect(john.Page.Locator("input")).ToHaveCountAsync(6); // the six found above: nothing else to label
        Assert.Empty(await john.Page.EvaluateAsync<string[]>(UnlabelledInputs));
    }

    [Fact]
    public async Task Someone_with_only_a_keyboard_can_log_in_and_talk_to_everyone()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var mary = await Person.OpenAsync(chromium, server);
        await mary.JoinAsync("mary");
        await using var john = await Person.OpenAsync(chromium, server);
        var keyboard = john.Page.Keyboard;

        await Expect(john.NickInput).ToBeFocusedAsync(); // the login screen starts at its first field
        await keyboard.TypeAsync("john");
        await keyboard.PressAsync("Enter");
        await Expect(john.Status).ToHaveTextAsync("connected");
        await Expect(john.MessageInput).ToBeFocusedAsync();
        await keyboard.TypeAsync("all typed without a mouse");
        await keyboard.PressAsync("Enter");

        await mary.ExpectLineAsync("typed without a mouse", "broadcast", "all john: typed without a mouse");
        await Expect(john.MessageInput).ToBeFocusedAsync();
        await Expect(john.MessageInput).ToHaveValueAsync("all ");
    }

    [Fact]
    public async Task Someone_with_only_a_keyboard_can_register_a_nick_past_the_guest_form()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var alice = await Person.OpenAsync(chromium, server);
        var keyboard = alice.Page.Keyboard;
        await Expect(alice.NickInput).ToBeFocusedAsync();

        await keyboard.PressAsync("Tab"); // Join
        await keyboard.PressAsync("Tab");
        await Expect(alice.AccountNickInput).ToBeFocusedAsync();
        await keyboard.TypeAsync("alice");
        await keyboard.PressAsync("Tab");
        await Expect(alice.PasswordInput).ToBeFocusedAsync();
        await keyboard.TypeAsync("typed without a mouse");
        await keyboard.PressAsync("Tab"); // Log in
        await keyboard.PressAsync("Tab");
        await Expect(alice.RegisterButton).ToBeFocusedAsync();
        await keyboard.PressAsync("Enter");

        await Expect(alice.Status).ToHaveTextAsync("connected");
        await Expect(alice.Page).ToHaveTitleAsync("alice");
        await Expect(alice.MessageInput).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Someone_with_only_a_keyboard_can_pick_a_person_from_the_online_list()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var mary = await Person.OpenAsync(chromium, server);
        await mary.JoinAsync("mary");
        await using var john = await Person.OpenAsync(chromium, server);
        await john.JoinAsync("john");
        await Expect(john.MessageInput).ToBeFocusedAsync();
        var keyboard = john.Page.Keyboard;

        // Back from the input: the message list (scrollable, so focusable), then the online list from its end.
        await keyboard.PressAsync("Shift+Tab");
        await Expect(john.Messages).ToBeFocusedAsync();
        await keyboard.PressAsync("Shift+Tab");
        await Expect(john.OnlineNick("mary")).ToBeFocusedAsync();
        await keyboard.PressAsync("Enter");
        await Expect(john.MessageInput).ToBeFocusedAsync();
        await Expect(john.MessageInput).ToHaveValueAsync("mary ");
        await keyboard.TypeAsync("picked with the keyboard");
        await keyboard.PressAsync("Enter");

        await mary.ExpectLineAsync("picked with the keyboard", "direct-in", "private from john: picked with the keyboard");
    }

    [Fact]
    public async Task New_lines_arrive_in_a_live_region_so_screen_readers_announce_them()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var john = await Person.OpenAsync(chromium, server);
        await using var mary = await Person.OpenAsync(chromium, server);
        await john.JoinAsync("john");
        await mary.JoinAsync("mary");

        await mary.SayAsync("all can you hear me?");

        await john.ExpectLineAsync("can you hear me?", "broadcast", "all mary: can you hear me?"); // a line of the log...
        await Expect(john.Messages).ToHaveAttributeAsync("aria-live", "polite"); // ...which is live
    }
}
