using System.Collections.Concurrent;
using Microsoft.Playwright;
using Parley.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Tests.Browser;

/// <summary>
/// The page runs under a policy that allows no inline script (nor inline style), so an injected line could not run even if
/// it got into the page; and the page itself must never trip that policy.
/// </summary>
[Collection(SharedChromium.Name)]
[Trait("Category", "Slow")]
public sealed class ContentSecurityPolicyTests(Chromium chromium)
{
    // Runs before the page's own scripts in every document; Playwright's init scripts are not subject to the page's policy.
    private const string RecordViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(
          `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`), true);
        """;

    [Fact]
    public async Task The_page_is_served_with_a_policy_allowing_script_only_from_its_own_origin()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();

        using var page = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken)
            .WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken);

        var policy = string.Join(", ", page.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries);
        Assert.Equal("script-src 'self'", Assert.Single(directives, d => d.StartsWith("script-src ", StringComparison.Ordinal)));
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logging_in_chatting_and_using_the_online_list_violate_the_policy_nowhere()
    {
        await using var server = await ParleyServer.StartAsync();
        var console = new ConcurrentQueue<string>();
        Task Watch(IBrowserContext context)
        {
            context.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                {
                    console.Enqueue(message.Text);
                }
            };
            return context.AddInitScriptAsync(RecordViolations);
        }

        await using var john = await Person.OpenAsync(chromium, server, prepare: Watch);
        await using var mary = await Person.OpenAsync(chromium, server, prepare: Watch);
        await john.JoinAsync("john");
        await mary.JoinAsync("mary");
        await john.ExpectLineAsync("mary joined", "system", "info mary joined");
        await john.OnlineNick("mary").ClickAsync();
        await john.MessageInput.PressSequentiallyAsync("just us");
        await john.MessageInput.PressAsync("Enter");
        await mary.ExpectLineAsync("just us", "direct-in", "private from john: just us");
        await mary.SayAsync("all hello <b>everyone</b>");
        await john.ExpectLineAsync("hello", "broadcast", "all mary: hello <b>everyone</b>");
        await mary.SayAsync("paul are you there?"); // offline: kept for later
        await mary.ExpectLineAsync("are you there?", "direct-out", "private to paul: are you there? (offline — delivered when they come back)");
        var violations = await mary.Page.EvaluateAsync<string[]>("() => window.__cspViolations");
        await mary.Context.CloseAsync();
        await john.ExpectLineAsync("mary left", "system", "info mary left");

        violations = [.. violations, .. await john.Page.EvaluateAsync<string[]>("() => window.__cspViolations")];
        string[] reported = [.. violations, .. console];
        Assert.True(reported.Length == 0, "The page broke its Content-Security-Policy:\n" + string.Join('\n', reported));
    }
}
