using System.Text.RegularExpressions;
using Parley.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Tests.Browser;

/// <summary>The page shows when the server is gone and carries on by itself when it is back.</summary>
[Collection(SharedChromium.Name)]
[Trait("Category", "Slow")]
public sealed partial class ReconnectTests(Chromium chromium)
{
    // The server's retry hint is 3 s and Chromium waits that long again after each refused attempt.
    private static readonly float ComeBack = (float)TimeSpan.FromSeconds(30).TotalMilliseconds;

    [Fact]
    public async Task The_page_shows_the_connection_lost_while_the_server_is_down_and_chats_again_when_it_is_back_on_its_port()
    {
        var url = ParleyServer.FreeLoopbackUrl();
        await using var first = await ParleyServer.StartAsync(url: url);
        await using var john = await Person.OpenAsync(chromium, first);
        await john.LoginAsync("john");

        await first.StopAsync();
        await Expect(john.Status).ToHaveTextAsync(Down());
        await john.ExpectLineAsync("Connection lost", "system", "info Connection lost — reconnecting…");

        await using var second = await ParleyServer.StartAsync(url: url);
        await Expect(john.Status).ToHaveTextAsync("connected", new() { Timeout = ComeBack });
        await john.ExpectLineAsync("Connection restored", "system", "info Connection restored.");

        await using var mary = await Person.OpenAsync(chromium, second);
        await mary.LoginAsync("mary");
        await john.ExpectLineAsync("mary joined", "system", "info mary joined");
        await john.SayAsync("all we are back");
        await mary.ExpectLineAsync("we are back", "broadcast", "all john: we are back");
    }

    [GeneratedRegex("^(reconnecting…|offline)$")]
    private static partial Regex Down();
}
