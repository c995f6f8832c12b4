using Parley.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Tests.Browser;

/// <summary>Two people, each in their own browser, talking to everyone and to each other.</summary>
[Collection(SharedChromium.Name)]
[Trait("Category", "Slow")]
public sealed class ConversationTests(Chromium chromium)
{
    [Fact]
    public async Task Two_people_talking_to_all_each_see_the_others_line_as_a_broadcast()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var john = await Person.OpenAsync(chromium, server);
        await using var mary = await Person.OpenAsync(chromium, server);
        await john.JoinAsync("john");
        await mary.JoinAsync("mary");

        await john.SayAsync("all hello everyone");
        await mary.ExpectLineAsync("hello everyone", "broadcast", "all john: hello everyone");
        await mary.SayAsync("all hi john");

        await john.ExpectLineAsync("hi john", "broadcast", "all mary: hi john");
        await john.ExpectLineAsync("hello everyone", "broadcast", "all you: hello everyone");
        await mary.ExpectLineAsync("hi john", "broadcast", "all you: hi john");
    }

    [Fact]
    public async Task Clicking_a_nick_in_the_online_list_sends_a_direct_message_to_that_person()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var john = await Person.OpenAsync(chromium, server);
        await using var mary = await Person.OpenAsync(chromium, server);
        await mary.JoinAsync("mary");
        await john.JoinAsync("john");

        await john.OnlineNick("mary").ClickAsync();
        await Expect(john.MessageInput).ToHaveValueAsync("mary ");
        await Expect(john.MessageInput).ToBeFocusedAsync();
        await john.MessageInput.PressSequentiallyAsync("just between us");
        await john.MessageInput.PressAsync("Enter");

        await mary.ExpectLineAsync("just between us", "direct-in", "private from john: just between us");
        await john.ExpectLineAsync("just between us", "direct-out", "private to mary: just between us");
    }

    [Fact]
    public async Task The_message_input_keeps_who_it_is_for_after_each_send()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var john = await Person.OpenAsync(chromium, server);
        await using var mary = await Person.OpenAsync(chromium, server);
        await mary.JoinAsync("mary");
        await john.JoinAsync("john");

        await john.MessageInput.PressSequentiallyAsync("mary first");
        await john.MessageInput.PressAsync("Enter");
        await Expect(john.MessageInput).ToHaveValueAsync("mary ");
        await john.MessageInput.PressSequentiallyAsync("second");
        await john.MessageInput.PressAsync("Enter");
        await Expect(john.MessageInput).ToHaveValueAsync("mary ");
        await john.MessageInput.FillAsync("all third");
        await john.MessageInput.PressAsync("Enter");
        await Expect(john.MessageInput).ToHaveValueAsync("all ");

        await mary.ExpectLineAsync("first", "direct-in", "private from john: first");
        await mary.ExpectLineAsync("second", "direct-in", "private from john: second");
        await mary.ExpectLineAsync("third", "broadcast", "all john: third");
    }
}
