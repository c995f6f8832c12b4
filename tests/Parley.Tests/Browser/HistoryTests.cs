using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Parley.Tests.Api;
using Parley.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Tests.Browser;

/// <summary>What was said before someone joined: shown on login as earlier messages, older ones as they scroll up.</summary>
[Collection(SharedChromium.Name)]
[Trait("Category", "Slow")]
public sealed partial class HistoryTests(Chromium chromium)
{
    [Fact]
    public async Task On_login_the_page_shows_what_was_said_before_as_earlier_messages_oldest_first_each_once()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await ApiClient.SendAsync(client, "mary", "all", "good morning");
        await ApiClient.SendAsync(client, "paul", "all", "morning, mary");
        await ApiClient.SendAsync(client, "mary", "all", "coffee at ten?");
        await ApiClient.SendAsync(client, "mary", "john", "bring the notes"); // waits for john: his stream brings it too

        await using var john = await Person.OpenAsync(chromium, server);
        await john.JoinAsync("john");

        await Expect(john.Lines).ToHaveTextAsync(
        [
            new Regex("^Earlier messages — nothing older is kept$"),
            Person.Shown("all mary: good morning"),
            Person.Shown("all paul: morning, mary"),
            Person.Shown("all mary: coffee at ten?"),
            Welcome(),
            Person.Shown("private from mary: bring the notes (while you were away)"),
        ]);
        foreach (var text in (string[])["good morning", "morning, mary", "coffee at ten?"])
        {
            await Expect(john.LineWith(text)).ToHaveClassAsync(Person.Kind("earlier"));
        }

        await ApiClient.SendAsync(client, "mary", "all", "and now, live");
        await Expect(john.Lines.Last).ToHaveTextAsync(Person.Shown("all mary: and now, live"));
        await Expect(john.Lines.Last).Not.ToHaveClassAsync(Person.Kind("earlier"));
        await Expect(john.Lines).ToHaveCountAsync(7);
    }

    [Fact]
    public async Task Scrolling_to_the_top_brings_older_pages_in_above_where_the_reader_is_until_all_120_are_shown_once_in_order()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        for (var n = 1; n <= 120; n++)
        {
            await ApiClient.SendAsync(client, "mary", "all", $"message {n:000}");
        }

        await using var john = await Person.OpenAsync(chromium, server);
        await john.JoinAsync("john");
        var history = john.Lines.Filter(new() { HasTextRegex = HistoryLine() });
        await Expect(history).ToHaveCountAsync(50); // the newest page: 071 to 120
        await Expect(john.LineWith("message 120")).ToBeInViewportAsync();
        await Expect(EarlierLine(john)).ToHaveTextAsync("Earlier messages — scroll up for older ones");

        await ScrollToTopAsync(john);
        await Expect(history).ToHaveCountAsync(100);
        // The reader stays where they were: the line that was on top is still in view, the page above it is not.
        await Expect(john.LineWith("message 071")).ToBeInViewportAsync();
        await Expect(john.LineWith("message 021")).Not.ToBeInViewportAsync();

        await ScrollToTopAsync(john);
        await Expect(history).ToHaveTextAsync(Enumerable.Range(1, 120).Select(n => Person.Shown($"all mary: message {n:000}")));
        await Expect(EarlierLine(john)).ToHaveTextAsync("Earlier messages — nothing older is kept");
        await Expect(john.LineWith("message 001")).ToHaveClassAsync(Person.Kind("earlier"));
    }

    [Fact]
    public async Task When_earlier_messages_cannot_be_loaded_the_page_says_so_chats_on_and_loads_them_when_asked_again()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await ApiClient.SendAsync(client, "mary", "all", "said before john came");
        await using var john = await Person.OpenAsync(chromium, server);
        await john.Context.RouteAsync("**/api/history?**", route => route.FulfillAsync(new()
        {
            Status = 503,
            ContentType = "application/problem+json",
            Body = """{"title":"Service Unavailable","status":503,"detail":"The message store is not available."}""",
        }));

        await john.JoinAsync("john");
        await Expect(EarlierLine(john)).ToHaveTextAsync("Earlier messages could not be loaded: The message store is not available. Try again");
        await john.SayAsync("all still talking");
        await john.ExpectLineAsync("still talking", "broadcast", "all you: still talking");

        await john.Context.UnrouteAllAsync();
        await john.Messages.GetByRole(AriaRole.Button, new() { Name = "Try again", Exact = true }).ClickAsync();
        await john.ExpectLineAsync("said before john came", "earlier", "all mary: said before john came");
        await Expect(EarlierLine(john)).ToHaveTextAsync("Earlier messages — nothing older is kept");
        await Expect(john.Messages).ToBeFocusedAsync(); // the button went; focus did not go with it
    }

    /// <summary>The line above the earlier messages: what they are, whether older ones can come, or why they did not.</summary>
    private static ILocator EarlierLine(Person person) => person.Lines.Filter(new() { HasTextRegex = EarlierText() });

    /// <summary>Turns the wheel up over the message list as far as it goes.</summary>
    private static async Task ScrollToTopAsync(Person person)
    {
        await person.Messages.HoverAsync();
        await person.Page.Mouse.WheelAsync(0, -100_000);
    }

    private static Regex Welcome() => WelcomeLine();

    [GeneratedRegex(@"^\d\d:\d\d info Welcome, john! ")]
    private static partial Regex WelcomeLine();

    [GeneratedRegex(@"mary: message \d{3}$")]
    private static partial Regex HistoryLine();

    [GeneratedRegex("^(Earlier messages|Loading earlier messages)")]
    private static partial Regex EarlierText();
}
