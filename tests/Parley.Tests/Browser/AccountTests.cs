using Microsoft.Extensions.Time.Testing;
using Parley.Tests.Api;
using Parley.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Tests.Browser;

/// <summary>
/// A registered nick is its owner's: they register, log in and out, and nobody in another browser (other cookies)
/// can join, log in or read as them. Each refusal shows the server's reason where the person acted.
/// </summary>
[Collection(SharedChromium.Name)]
[Trait("Category", "Slow")]
public sealed class AccountTests(Chromium chromium)
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Someone_registers_chats_logs_out_and_logs_in_again_to_find_their_conversation()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var alice = await Person.OpenAsync(chromium, server);
        await using var bob = await Person.OpenAsync(chromium, server);
        await bob.JoinAsync("bob");

        await alice.RegisterAsync("alice", Password);
        await Expect(alice.Page).ToHaveTitleAsync("alice");
        await Expect(alice.ChangePasswordButton).ToBeVisibleAsync();
        await alice.SayAsync("bob hello from a nick of my own");
        await bob.ExpectLineAsync("hello from a nick of my own", "direct-in", "private from alice: hello from a nick of my own");

        await alice.LogOutAsync();
        await Expect(alice.LoginNotice).ToHaveTextAsync("You have logged out.");
        await Expect(alice.MessageInput).ToBeHiddenAsync();
        await Expect(alice.Page).ToHaveTitleAsync("Parley");
        await bob.ExpectLineAsync("alice left", "system", "info alice left");

        await alice.LogInAsync("alice", Password);
        await alice.ExpectLineAsync("hello from a nick of my own", "earlier", "private to bob: hello from a nick of my own");
        await bob.SayAsync("alice welcome back");
        await alice.ExpectLineAsync("welcome back", "direct-in", "private from bob: welcome back");
    }

    [Fact]
    public async Task Someone_in_another_browser_cannot_join_as_a_registered_nick_and_is_told_why()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var alice = await Person.OpenAsync(chromium, server);
        await alice.RegisterAsync("alice", Password);
        await using var intruder = await Person.OpenAsync(chromium, server);

        await intruder.NickInput.FillAsync("alice");
        await intruder.JoinButton.ClickAsync();

        await Expect(intruder.GuestRefusal).ToHaveTextAsync(Refusals.RegisteredNick("alice"));
        await Expect(intruder.NickInput).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(intruder.NickInput).ToBeFocusedAsync();
        await Expect(intruder.MessageInput).ToBeHiddenAsync();
        Assert.Equal("""[{"nick":"alice","streams":1}]""", await OnlineJsonAsync(server));
    }

    [Fact]
    public async Task Someone_in_another_browser_cannot_log_in_as_a_registered_nick_with_a_wrong_password()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var alice = await Person.OpenAsync(chromium, server);
        await alice.RegisterAsync("alice", Password);
        await using var intruder = await Person.OpenAsync(chromium, server);

        await intruder.FillAccountAsync("alice", "a guess at it");
        await intruder.LogInButton.ClickAsync();

        await Expect(intruder.AccountRefusal).ToHaveTextAsync(Refusals.WrongPassword);
        await Expect(intruder.PasswordInput).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(intruder.MessageInput).ToBeHiddenAsync();
        Assert.Equal("""[{"nick":"alice","streams":1}]""", await OnlineJsonAsync(server));
    }

    [Fact]
    public async Task Registering_a_nick_someone_already_registered_is_refused_saying_it_is_taken()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var alice = await Person.OpenAsync(chromium, server);
        await alice.RegisterAsync("alice", Password);
        await using var other = await Person.OpenAsync(chromium, server);

        await other.FillAccountAsync("Alice", "another good password");
        await other.RegisterButton.ClickAsync();

        await Expect(other.AccountRefusal).ToHaveTextAsync(Refusals.RegisteredNick("Alice"));
        await Expect(other.AccountNickInput).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(other.MessageInput).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Too_many_wrong_passwords_are_refused_for_a_while_saying_when_to_try_again()
    {
        // A clock that stands still, so the lockout has exactly its full length left when the page shows it.
        await using var server = await ParleyServer.StartAsync(time: new FakeTimeProvider(DateTimeOffset.UtcNow));
        await using var alice = await Person.OpenAsync(chromium, server);
        await alice.RegisterAsync("alice", Password);
        await using var guesser = await Person.OpenAsync(chromium, server);

        for (var guess = 1; guess <= 5; guess++)
        {
            await guesser.FillAccountAsync("alice", $"guess number {guess}");
            await guesser.LogInButton.ClickAsync();
            await Expect(guesser.AccountRefusal).ToHaveTextAsync(Refusals.WrongPassword);
            await guesser.PasswordInput.FillAsync(string.Empty); // typing clears the refusal, so the next one shows anew
            await Expect(guesser.AccountRefusal).ToBeEmptyAsync();
        }

        await guesser.FillAccountAsync("alice", Password); // even the right one, for now
        await guesser.LogInButton.ClickAsync();

        await Expect(guesser.AccountRefusal).ToHaveTextAsync(Refusals.TooManyLoginsForTheNick + "\nTry again in 5 minutes.");
        await Expect(guesser.MessageInput).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Changing_the_password_sends_another_browser_of_that_nick_back_to_log_in_where_only_the_new_one_works()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var laptop = await Person.OpenAsync(chromium, server);
        await laptop.RegisterAsync("alice", Password);
        await using var phone = await Person.OpenAsync(chromium, server);
        await phone.LogInAsync("alice", Password);

        await laptop.ChangePasswordButton.ClickAsync();
        await laptop.Page.GetByLabel("Current password", new() { Exact = true }).FillAsync(Password);
        await laptop.Page.GetByLabel("New password", new() { Exact = true }).FillAsync("an even better one");
        await laptop.Page.GetByLabel("New password", new() { Exact = true }).PressAsync("Enter");
        await laptop.ExpectLineAsync("password", "system", "info Your password has been changed.");
        await Expect(laptop.ChangePasswordButton).ToBeFocusedAsync(); // the dialog gave focus back

        await phone.MessageInput.FillAsync("all still me?");
        await phone.MessageInput.PressAsync("Enter");
        await Expect(phone.LoginNotice).ToHaveTextAsync(
            "Your session has ended (you logged out, or your password was changed, elsewhere). Log in again to go on.");
        await phone.FillAccountAsync("alice", Password);
        await phone.LogInButton.ClickAsync();
        await Expect(phone.AccountRefusal).ToHaveTextAsync(Refusals.WrongPassword);
        await phone.LogInAsync("alice", "an even better one");

        await laptop.SayAsync("all the laptop is still in");
        await phone.ExpectLineAsync("the laptop is still in", "broadcast", "all you: the laptop is still in");
    }

    private static async Task<string> OnlineJsonAsync(ParleyServer server)
    {
        using var client = server.CreateClient();
        return await OnlineUsers.GetAsync(client);
    }
}
