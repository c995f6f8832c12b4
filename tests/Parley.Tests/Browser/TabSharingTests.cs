using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Parley.Tests.Api;
using Parley.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Tests.Browser;

/// <summary>
/// Over HTTP/1.1 a browser opens at most six connections per host: ten tabs with an EventSource each would hang.
/// Tabs of one browser and nick share one stream instead, and the server side shows it.
/// </summary>
[Collection(SharedChromium.Name)]
[Trait("Category", "Slow")]
public sealed class TabSharingTests(Chromium chromium)
{
    [Fact]
    public async Task Ten_tabs_of_one_nick_receive_a_broadcast_and_a_direct_message_over_one_stream()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var browser = await Person.OpenAsync(chromium, server);
        var tabs = await OpenTabsAsync(browser, server, "/", count: 10);

        await ApiClient.SendAsync(client, "mary", "all", "hello, all ten of you");
        await ApiClient.SendAsync(client, "mary", "john", "psst, john");

        foreach (var tab in tabs)
        {
            await Expect(LinesWith(tab, "hello, all ten of you")).ToHaveCountAsync(1);
            await Expect(LinesWith(tab, "psst, john")).ToHaveCountAsync(1);
        }

        Assert.Equal("""[{"nick":"john","streams":1}]""", await OnlineJsonAsync(client));
    }

    [Fact]
    public async Task Closing_the_leading_tab_hands_the_stream_to_another_and_the_other_nine_keep_receiving()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var browser = await Person.OpenAsync(chromium, server);
        var tabs = await OpenTabsAsync(browser, server, "/", count: 10);
        Assert.Equal(1, StreamsOpenedFor(server, "john"));

        await tabs[0].CloseAsync(); // the first tab asked for the lock first, so it leads
        await Timeouts.WaitUntilAsync(() => StreamsOpenedFor(server, "john") == 2, "another tab opens the stream");
        await ApiClient.SendAsync(client, "mary", "all", "still there?");
        await ApiClient.SendAsync(client, "mary", "john", "still there, john?");

        foreach (var tab in tabs.Skip(1))
        {
            await Expect(LinesWith(tab, "still there?")).ToHaveCountAsync(1);
            await Expect(LinesWith(tab, "still there, john?")).ToHaveCountAsync(1);
        }

        Assert.Equal("""[{"nick":"john","streams":1}]""", await OnlineJsonAsync(client));
    }

    [Fact]
    public async Task A_broadcast_sent_while_no_tab_holds_the_stream_still_reaches_every_remaining_tab_exactly_once()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var browser = await Person.OpenAsync(chromium, server);
        var tabs = await OpenTabsAsync(browser, server, "/", count: 3);
        var reconnect = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await browser.Context.RouteAsync("**/api/events?**", async route =>
        {
            await reconnect.Task; // the next leader's stream waits until the gap has been used
            await route.ContinueAsync();
        });

        await tabs[0].CloseAsync();
        await Timeouts.WaitUntilAsync(async () => await OnlineJsonAsync(client) == "[]", "john is offline: no tab holds a stream");
        await ApiClient.SendAsync(client, "mary", "all", "in the gap");
        reconnect.SetResult();

        foreach (var tab in tabs.Skip(1))
        {
            await Expect(LinesWith(tab, "in the gap")).ToHaveCountAsync(1);
        }

        await ApiClient.SendAsync(client, "mary", "all", "after the gap");
        foreach (var tab in tabs.Skip(1))
        {
            await Expect(LinesWith(tab, "after the gap")).ToHaveCountAsync(1);
            await Expect(LinesWith(tab, "in the gap")).ToHaveCountAsync(1);
        }
    }

    [Fact]
    public async Task A_tab_resuming_past_messages_no_longer_kept_says_some_are_missing_and_shows_the_rest_once()
    {
        // Retention keeps one message per conversation, looked at every second.
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Store:RetentionPerConversation"] = "1",
            ["Parley:Store:RetentionSweepInterval"] = "00:00:01",
        });
        using var client = server.CreateClient();
        await using var browser = await Person.OpenAsync(chromium, server);
        var tabs = await OpenTabsAsync(browser, server, "/", count: 2);
        await ApiClient.SendAsync(client, "mary", "all", "seen by both tabs");
        await Expect(LinesWith(tabs[1], "seen by both tabs")).ToHaveCountAsync(1);
        var reconnect = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await browser.Context.RouteAsync("**/api/events?**", async route =>
        {
            await reconnect.Task; // the next leader's stream waits until retention has made a hole in the gap
            await route.ContinueAsync();
        });

        await tabs[0].CloseAsync();
        await Timeouts.WaitUntilAsync(async () => await OnlineJsonAsync(client) == "[]", "john is offline: no tab holds a stream");
        await ApiClient.SendAsync(client, "mary", "all", "swept away");
        await ApiClient.SendAsync(client, "mary", "all", "kept after the gap");
        await Timeouts.WaitUntilAsync(
            async () => !(await HistoryJsonAsync(browser.Context, server)).Contains("swept away", StringComparison.Ordinal),
            "retention removed the first message of the gap");
        reconnect.SetResult();

        await Expect(LinesWith(tabs[1], "cannot be shown.")).ToHaveTextAsync(
            Person.Shown("info Some messages from while you were disconnected are no longer kept on the server, so they cannot be shown."));
        await Expect(LinesWith(tabs[1], "kept after the gap")).ToHaveCountAsync(1);
        await Expect(LinesWith(tabs[1], "swept away")).ToHaveCountAsync(0);
        await Expect(LinesWith(tabs[1], "seen by both tabs")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task With_nosharing_each_tab_keeps_its_own_stream()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var browser = await Person.OpenAsync(chromium, server);

        var tabs = await OpenTabsAsync(browser, server, "/?nosharing", count: 3);
        await ApiClient.SendAsync(client, "mary", "all", "one each");

        foreach (var tab in tabs)
        {
            await Expect(LinesWith(tab, "one each")).ToHaveCountAsync(1);
        }

        Assert.Equal("""[{"nick":"john","streams":3}]""", await OnlineJsonAsync(client));
    }

    [Fact]
    public async Task Joining_in_one_tab_brings_the_tabs_already_open_at_the_login_screen_into_the_chat()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var browser = await Person.OpenAsync(chromium, server);
        var other = await browser.Context.NewPageAsync();
        await other.GotoAsync(server.BaseAddress.ToString());
        await Expect(other.GetByLabel("Choose a nick")).ToBeVisibleAsync();

        await browser.JoinAsync("john");

        await Expect(other.GetByRole(AriaRole.Status)).ToHaveTextAsync("connected");
        await Expect(other).ToHaveTitleAsync("john");
        using var client = server.CreateClient();
        Assert.Equal("""[{"nick":"john","streams":1}]""", await OnlineJsonAsync(client));
    }

    [Fact]
    public async Task Logging_out_in_one_tab_takes_every_tab_back_to_the_login_screen_and_closes_the_stream()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var browser = await Person.OpenAsync(chromium, server);
        var tabs = await OpenTabsAsync(browser, server, "/", count: 3);

        await tabs[2].GetByRole(AriaRole.Button, new() { Name = "Log out", Exact = true }).ClickAsync();

        await Expect(tabs[2].GetByRole(AriaRole.Alert).First).ToHaveTextAsync("You have logged out.");
        foreach (var tab in tabs.Take(2))
        {
            await Expect(tab.GetByRole(AriaRole.Alert).First).ToHaveTextAsync("You logged out in another tab.");
        }

        foreach (var tab in tabs)
        {
            await Expect(tab.GetByLabel("Choose a nick")).ToBeVisibleAsync();
            await Expect(tab).ToHaveTitleAsync("Parley");
        }

        await Timeouts.WaitUntilAsync(async () => await OnlineJsonAsync(client) == "[]", "john's stream is closed");
    }

    /// <summary>
    /// Opens the page in <paramref name="count"/> tabs of one browser as john: the session is the browser's, so joining in the
    /// first tab is joining in all of them, and each tab opened after it goes straight into the chat.
    /// </summary>
    internal static async Task<IReadOnlyList<IPage>> OpenTabsAsync(Person browser, ParleyServer server, string path, int count)
    {
        var url = new Uri(server.BaseAddress, path).ToString();
        await browser.Page.GotoAsync(url);
        await browser.JoinAsync("john");
        var tabs = new List<IPage> { browser.Page };
        while (tabs.Count < count)
        {
            var tab = await browser.Context.NewPageAsync();
            await tab.GotoAsync(url);
            await Expect(tab.GetByRole(AriaRole.Status)).ToHaveTextAsync("connected");
            tabs.Add(tab);
        }

        return tabs;
    }

    internal static ILocator LinesWith(IPage tab, string text) =>
        tab.GetByRole(AriaRole.Log, new() { Name = "Messages", Exact = true }).GetByRole(AriaRole.Listitem).Filter(new() { HasTextRegex = new Regex(Regex.Escape(text) + "$") });

    private static int StreamsOpenedFor(ParleyServer server, string nick) =>
        server.LogEntriesOf(LogEvents.StreamOpened).Count(entry => Equals(entry["Nick"], nick));

    /// <summary>John's history, asked with his browser's session cookie: only the session's own history is served.</summary>
    private static async Task<string> HistoryJsonAsync(IBrowserContext browser, ParleyServer server)
    {
        var response = await browser.APIRequest.GetAsync(new Uri(server.BaseAddress, "/api/history").ToString());
        Assert.Equal(200, response.Status);
        return await response.TextAsync();
    }

    internal static async Task<string> OnlineJsonAsync(HttpClient client) =>
        await client.GetStringAsync("/api/users/online", TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default);
}
