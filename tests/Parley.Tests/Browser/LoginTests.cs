using Parley.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Tests.Browser;

/// <summary>Picking a nick on the page opens the chat.</summary>
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
        await john.ExpectLineAsync(
            "Welcome",
            "system",
            "info Welcome, john! Start a line with “all” to talk to everyone, or with a nick to talk to one person.");
    }
}
