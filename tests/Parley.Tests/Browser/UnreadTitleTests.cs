using Microsoft.Playwright;
using Parley.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Tests.Browser;

/// <summary>While the page is in the background its title counts what arrived, as a tab shows it.</summary>
[Collection(SharedChromium.Name)]
[Trait("Category", "Slow")]
public sealed class UnreadTitleTests(Chromium chromium)
{
    [Fact]
    public async Task Lines_arriving_while_the_page_has_no_focus_are_counted_in_the_title_until_it_is_back_in_front()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var mary = await Person.OpenAsync(chromium, server);
        await mary.JoinAsync("mary");
        await using var john = await Person.OpenAsync(chromium, server);
        await john.JoinAsync("john");
        await Expect(john.OnlineNick("mary")).ToBeVisibleAsync();

        // Playwright tells every page it has focus; switch that off so another tab in front really takes it away.
        var otherTab = await john.Context.NewPageAsync();
        await RealFocusAsync(john.Page);
        await RealFocusAsync(otherTab);
        await otherTab.BringToFrontAsync();
        await Expect(john.Page).ToHaveTitleAsync("john");

        await mary.SayAsync("john are you there?");
        await Expect(john.Page).ToHaveTitleAsync("john (1)");
        await mary.SayAsync("all anyone?");
        await Expect(john.Page).ToHaveTitleAsync("john (2)");

        await john.Page.BringToFrontAsync();
        await Expect(john.Page).ToHaveTitleAsync("john");
        await mary.SayAsync("all back?");
        await john.ExpectLineAsync("back?", "broadcast", "all mary: back?");
        await Expect(john.Page).ToHaveTitleAsync("john");
    }

    private static async Task RealFocusAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Emulation.setFocusEmulationEnabled", new Dictionary<string, object> { ["enabled"] = false });
    }
}
