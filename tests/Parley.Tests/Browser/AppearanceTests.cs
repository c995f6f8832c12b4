using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Parley.Tests.Api;
using Parley.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Tests.Browser;

/// <summary>The page looks right where people use it: dark or light, on a phone, while lines pour in.</summary>
[Collection(SharedChromium.Name)]
[Trait("Category", "Slow")]
public sealed partial class AppearanceTests(Chromium chromium)
{
    [Fact]
    public async Task The_page_follows_the_systems_dark_or_light_scheme()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var dark = await Person.OpenAsync(chromium, server, new() { ColorScheme = ColorScheme.Dark });
        await using var light = await Person.OpenAsync(chromium, server, new() { ColorScheme = ColorScheme.Light });

        var darkBackground = await BodyBackgroundAsync(dark.Page);
        var lightBackground = await BodyBackgroundAsync(light.Page);

        Assert.True(Luminance(darkBackground) < 0.2, $"dark scheme background {darkBackground}");
        Assert.True(Luminance(lightBackground) > 0.8, $"light scheme background {lightBackground}");
    }

    [Fact]
    public async Task On_a_phone_360_pixels_wide_nothing_overflows_sideways_and_the_input_and_send_button_are_in_view()
    {
        await using var server = await ParleyServer.StartAsync();
        var phone = new BrowserNewContextOptions { ViewportSize = new() { Width = 360, Height = 740 }, HasTouch = true };
        await using var mary = await Person.OpenAsync(chromium, server);
        await mary.JoinAsync("a-rather-long-nick-of-32-letters");
        await using var john = await Person.OpenAsync(chromium, server, phone);
        Assert.True(await ScrollWidthAsync(john.Page) <= 360, "the login page is wider than the phone");
        await john.JoinAsync("john");

        await mary.SayAsync("all " + string.Concat(Enumerable.Repeat("https://example.org/a/very/long/address/", 6)));
        await mary.SayAsync("john " + string.Join(' ', Enumerable.Repeat("a direct message long enough to wrap", 5)));
        await Expect(john.Lines).ToHaveCountAsync(3); // the welcome, the long link and the direct message

        Assert.True(await ScrollWidthAsync(john.Page) <= 360, "the chat is wider than the phone");
        await Expect(john.MessageInput).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(john.SendButton).ToBeInViewportAsync(new() { Ratio = 1 });
    }

    [Fact]
    public async Task Lines_arriving_do_not_move_the_message_input_or_the_status()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var john = await Person.OpenAsync(chromium, server);
        await john.JoinAsync("john");
        var input = await john.MessageInput.BoundingBoxAsync();
        var status = await john.Status.BoundingBoxAsync();

        await ArriveAsync(server, 20);
        await Expect(john.LineWith("message 20")).ToBeVisibleAsync();

        Assert.Equivalent(input, await john.MessageInput.BoundingBoxAsync(), strict: true);
        Assert.Equivalent(status, await john.Status.BoundingBoxAsync(), strict: true);
    }

    [Fact]
    public async Task The_list_follows_new_lines_unless_the_reader_scrolled_up_who_is_offered_a_jump_to_them()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var john = await Person.OpenAsync(chromium, server);
        await john.JoinAsync("john");
        await ArriveAsync(server, 40);
        await Expect(john.LineWith("message 40")).ToBeInViewportAsync();
        await Expect(john.JumpToNew).ToBeHiddenAsync();

        await john.Messages.HoverAsync();
        await john.Page.Mouse.WheelAsync(0, -100_000);
        await Expect(john.LineWith("message 01")).ToBeInViewportAsync();
        await Expect(john.LineWith("message 40")).Not.ToBeInViewportAsync();
        await ArriveAsync(server, 41, 41);
        await Expect(john.LineWith("message 41")).ToBeAttachedAsync();

        await Expect(john.JumpToNew).ToBeVisibleAsync();
        await Expect(john.LineWith("message 01")).ToBeInViewportAsync();
        await Expect(john.LineWith("message 41")).Not.ToBeInViewportAsync();
        await john.JumpToNew.ClickAsync();
        await Expect(john.LineWith("message 41")).ToBeInViewportAsync();
        await Expect(john.JumpToNew).ToBeHiddenAsync();
        await Expect(john.MessageInput).ToBeFocusedAsync();
    }

    /// <summary>Lines "mary: message NN" to all, sent by someone on the JSON API.</summary>
    private static async Task ArriveAsync(ParleyServer server, int last, int first = 1)
    {
        using var client = server.CreateClient();
        for (var n = first; n <= last; n++)
        {
            await ApiClient.SendAsync(client, "mary", "all", $"message {n:00}");
        }
    }

    private static Task<int> ScrollWidthAsync(IPage page) => page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

    private static Task<string> BodyBackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    /// <summary>Relative luminance (0 black to 1 white) of a computed <c>rgb(r, g, b)</c> colour.</summary>
    private static double Luminance(string rgb)
    {
        var match = RgbPattern().Match(rgb);
        Assert.True(match.Success, $"not an rgb() colour: {rgb}");
        var channels = Enumerable.Range(1, 3).Select(i => double.Parse(match.Groups[i].Value, CultureInfo.InvariantCulture) / 255)
            .Select(c => c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4))
            .ToArray();
        return (0.2126 * channels[0]) + (0.7152 * channels[1]) + (0.0722 * channels[2]);
    }

    [GeneratedRegex(@"^rgba?\((\d+), (\d+), (\d+)")]
    private static partial Regex RgbPattern();
}
