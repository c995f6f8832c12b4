using Parley.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Tests.Browser;

/// <summary>What people type is text on everyone's screen, never markup or script.</summary>
[Collection(SharedChromium.Name)]
[Trait("Category", "Slow")]
public sealed class EscapingTests(Chromium chromium)
{
    private const string Markup = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=1</script><b>bold</b>";

    [Fact]
    public async Task Html_and_script_in_a_message_show_as_exactly_that_text_and_run_nothing()
    {
        await using var server = await ParleyServer.StartAsync();
        await using var john = await Person.OpenAsync(chromium, server);
        await using var mary = await Person.OpenAsync(chromium, server);
        await mary.JoinAsync("mary");
        await john.JoinAsync("john");

        await john.SayAsync("all " + Markup);
        await john.SayAsync("mary " + Markup);

        await Expect(mary.Lines.Filter(new() { HasText = Markup })).ToHaveTextAsync(
            [Person.Shown("all john: " + Markup), Person.Shown("private from john: " + Markup)]);
        await Expect(john.Lines.Filter(new() { HasText = Markup })).ToHaveTextAsync(
            [Person.Shown("all you: " + Markup), Person.Shown("private to mary: " + Markup)]);
        foreach (var person in new[] { john, mary })
        {
            await Expect(person.Messages.Locator("b, img, script")).ToHaveCountAsync(0);
            Assert.Equal("undefined", await person.Page.EvaluateAsync<string>("() => typeof window.pwned"));
        }
    }
}
