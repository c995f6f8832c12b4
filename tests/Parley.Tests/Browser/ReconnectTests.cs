using System.Text.RegularExpressions;
using Parley.Tests.Api;
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

    // The data folder keeps the keys that seal session cookies, so the page's session outlives the restart.
    [Fact]
    public async Task The_page_shows_the_connection_lost_while_the_server_is_down_and_chats_again_when_it_is_back_on_its_port()
    {
        var folder = Directory.CreateTempSubdirectory("parley-restart-");
        var settings = new Dictionary<string, string?> { ["Parley:Store:DataDir"] = folder.FullName };
        var url = ParleyServer.FreeLoopbackUrl();
        Person? john = null;
        try
        {
            await using (var first = await ParleyServer.StartAsync(settings, url: url))
            {
                john = await Person.OpenAsync(chromium, first);
                await john.JoinAsync("john");

                await first.StopAsync();
                await Expect(john.Status).ToHaveTextAsync(Down());
                await john.ExpectLineAsync("Connection lost", "system", "info Connection lost — reconnecting…");
            } // disposed, as a process that exits: the second server opens the same files after it

            await using var second = await ParleyServer.StartAsync(settings, url: url);
            await Expect(john.Status).ToHaveTextAsync("connected", new() { Timeout = ComeBack });
            await john.ExpectLineAsync("Connection restored", "system", "info Connection restored.");

            await using var mary = await Person.OpenAsync(chromium, second);
            await mary.JoinAsync("mary");
            await john.ExpectLineAsync("mary joined", "system", "info mary joined");
            await john.SayAsync("all we are back");
            await mary.ExpectLineAsync("we are back", "broadcast", "all john: we are back");
        }
        finally
        {
            if (john is not null)
            {
                await john.DisposeAsync();
            }

            folder.Delete(recursive: true);
        }
    }

    // In memory (--store memory) a restart keeps nothing, the keys that seal session cookies included.
    [Fact]
    public async Task A_page_whose_session_the_restarted_server_no_longer_knows_goes_back_to_log_in_saying_so()
    {
        var url = ParleyServer.FreeLoopbackUrl();
        Person john;
        await using (var first = await ParleyServer.StartAsync(url: url))
        {
            john = await Person.OpenAsync(chromium, first);
            await john.JoinAsync("john");
        }

        await using var closing = john; // its context, whatever happens below
        await Expect(john.Status).ToHaveTextAsync(Down());
        await using var second = await ParleyServer.StartAsync(url: url);

        await Expect(john.LoginNotice).ToHaveTextAsync(
            "Your session has ended (you logged out, or your password was changed, elsewhere). Log in again to go on.",
            new() { Timeout = ComeBack });
        await Expect(john.Page).ToHaveTitleAsync("Parley");
        await john.JoinAsync("john");
        await Expect(john.Page).ToHaveTitleAsync("john");
    }

    // Needs the store on disk (SQLite in the data folder): messages and ids go on across the restart.
    [Fact]
    public async Task A_page_open_while_its_server_restarts_shows_every_message_sent_afterwards_exactly_once()
    {
        var folder = Directory.CreateTempSubdirectory("parley-restart-");
        var settings = new Dictionary<string, string?> { ["Parley:Store:DataDir"] = folder.FullName };
        var url = ParleyServer.FreeLoopbackUrl();
        var reopen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Person? john = null;
        try
        {
            await using (var first = await ParleyServer.StartAsync(settings, url: url))
            {
                john = await Person.OpenAsync(chromium, first);
                await john.JoinAsync("john");
                using var client = first.CreateClient();
                await ApiClient.SendAsync(client, "mary", "all", "before the restart");
                await ApiClient.SendAsync(client, "mary", "john", "a word before the restart");
                await Expect(john.LineWith("a word before the restart")).ToHaveCountAsync(1);

                // The page's next stream waits until everything below was sent to the server that replaces this one.
                await john.Context.RouteAsync("**/api/events?**", async route =>
                {
                    await reopen.Task;
                    await route.ContinueAsync();
                });
            } // stopped and disposed, as a process that exits: the second server opens the same files after it

            await Expect(john.Status).ToHaveTextAsync(Down());
            await using var second = await ParleyServer.StartAsync(settings, url: url);
            using (var client = second.CreateClient())
            {
                await ApiClient.SendAsync(client, "mary", "all", "after the restart, one");
                await ApiClient.SendAsync(client, "mary", "john", "after the restart, for john");
                await ApiClient.SendAsync(client, "mary", "all", "after the restart, two");
                reopen.SetResult();
                await Expect(john.Status).ToHaveTextAsync("connected", new() { Timeout = ComeBack });
                await ApiClient.SendAsync(client, "mary", "all", "after the page is back");
            }

            await Expect(john.Lines.Filter(new() { HasNotTextRegex = SystemLine() })).ToHaveTextAsync(
            [
                Person.Shown("all mary: before the restart"),
                Person.Shown("private from mary: a word before the restart"),
                Person.Shown("all mary: after the restart, one"),
                Person.Shown("private from mary: after the restart, for john (while you were away)"),
                Person.Shown("all mary: after the restart, two"),
                Person.Shown("all mary: after the page is back"),
            ]);
        }
        finally
        {
            if (john is not null)
            {
                await john.DisposeAsync();
            }

            folder.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"^\d\d:\d\d info ")]
    private static partial Regex SystemLine();

    [GeneratedRegex("^(reconnecting…|offline)$")]
    private static partial Regex Down();
}
