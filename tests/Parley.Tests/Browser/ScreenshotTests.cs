using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Parley.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Tests.Browser;

/// <summary>
/// The picture in the README: a real conversation, rendered by a real browser. Under <c>dotnet test</c> the test compares,
/// never writes the repository: when the page's look changed it fails and leaves the new picture beside the test
/// binaries, for a person to look at. <c>bash docs/screenshot.sh</c> makes <c>docs/screenshot.png</c>: it runs this test
/// with <c>PARLEY_WRITE_SCREENSHOT=1</c>, which writes the picture there when it differs instead of failing.
/// </summary>
[Collection(SharedChromium.Name)]
[Trait("Category", "Slow")]
public sealed class ScreenshotTests(Chromium chromium)
{
    /// <summary>Set to 1 by <c>docs/screenshot.sh</c>: write <c>docs/screenshot.png</c> rather than compare against it.</summary>
    private const string WriteVariable = "PARLEY_WRITE_SCREENSHOT";

    // A fixed clock in server and browsers, so the picture only changes when the page does.
    private static readonly DateTimeOffset Morning = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);

    private static readonly BrowserNewContextOptions Desktop = new()
    {
        ViewportSize = new() { Width = 1100, Height = 640 },
        ColorScheme = ColorScheme.Light,
        TimezoneId = "UTC",
        Locale = "en-GB",
    };

    [Fact]
    public async Task A_conversation_of_three_with_broadcast_direct_and_system_lines_is_pictured_in_docs_screenshot_png()
    {
        var time = new FakeTimeProvider(Morning);
        await using var server = await ParleyServer.StartAsync(time: time);
        await using var paul = await Person.OpenAsync(chromium, server, Desktop, FixClock);
        await using var mary = await Person.OpenAsync(chromium, server, Desktop, FixClock);
        await using var john = await Person.OpenAsync(chromium, server, Desktop, FixClock);
        await paul.JoinAsync("paul");
        await mary.JoinAsync("mary");
        await john.JoinAsync("john");

        await NextMinuteAsync(time, paul, mary, john);
        await john.SayAsync("all Morning all! Stand-up in five?");
        await paul.SayAsync("all Sounds good, I'll put the board on screen.");
        await NextMinuteAsync(time, paul, mary, john);
        await john.SayAsync("mary Could you bring the release notes?");
        await mary.SayAsync("john Sure, they're already in the wiki.");
        await NextMinuteAsync(time, paul, mary, john);
        await mary.SayAsync("all Release notes for 2.4 are up: everything merged since Monday.");
        await paul.Context.CloseAsync();
        await mary.ExpectLineAsync("paul left", "system", "info paul left");
        await NextMinuteAsync(time, mary, john);
        await mary.SayAsync("paul Thanks for the board!");
        await mary.MessageInput.FillAsync("all See you in the big room");
        await Expect(mary.Lines).ToHaveCountAsync(9);
        await Expect(mary.Lines.Last).ToHaveTextAsync(
            Person.Shown("private to paul: Thanks for the board! (offline — delivered when they come back)"));

        var png = await mary.Page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled });

        var picture = Png.Read(png);
        Assert.Equal((1100, 640), (picture.Width, picture.Height));
        var file = Path.Combine(RepositoryRoot(), "docs", "screenshot.png");
        var kept = Png.Read(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
        if (!kept.LooksLike(picture) && Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            // Only when it differs: a picture that merely anti-aliases a corner differently leaves the file (and git) alone.
            await File.WriteAllBytesAsync(file, png, TestContext.Current.CancellationToken);
            TestContext.Current.TestOutputHelper?.WriteLine($"wrote {file}");
        }
        else if (!kept.LooksLike(picture))
        {
            var made = Path.Combine(AppContext.BaseDirectory, "screenshot.png");
            await File.WriteAllBytesAsync(made, png, TestContext.Current.CancellationToken);
            Assert.Fail($"The page no longer looks like {file}. If it should look like {made} now, run bash docs/screenshot.sh.");
        }
    }

    private static Task FixClock(IBrowserContext context) => context.Clock.SetFixedTimeAsync(Morning.UtcDateTime);

    /// <summary>Moves the server's clock and the browsers' (which stamp the system lines) on together.</summary>
    private static async Task NextMinuteAsync(FakeTimeProvider time, params Person[] people)
    {
        time.Advance(TimeSpan.FromMinutes(1));
        foreach (var person in people)
        {
            await person.Context.Clock.SetFixedTimeAsync(time.GetUtcNow().UtcDateTime);
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Parley.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds Parley.slnx.");
    }
}
