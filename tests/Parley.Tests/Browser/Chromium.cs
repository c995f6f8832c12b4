using Microsoft.Playwright;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Browser;

/// <summary>The browser tests share one Chromium (launching it costs more than most tests) and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedChromium : ICollectionFixture<Chromium>
{
    public const string Name = "Browser";
}

/// <summary>
/// Debian's Chromium, headless, launched once for the browser tests. Playwright's own browser download cannot work on
/// these machines, so a missing <c>/usr/bin/chromium</c> skips the tests with the package to install, except under CI
/// (<c>CI=true</c>), where a missing browser is a failure: CI installs it.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Args =
    [
        "--no-sandbox", // the tests run as root
        "--disable-gpu",
        // Without these Chromium keeps calling home (updates, sync, field trials) on a machine with a closed network.
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            return; // each test then skips or fails, by name, in RequireBrowser
        }

        Assertions.SetDefaultExpectTimeout((float)Timeouts.Default.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync().WaitAsync(Timeouts.UnderLoad);
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Args,
            Timeout = (float)Timeouts.UnderLoad.TotalMilliseconds,
        });
    }

    /// <summary>A fresh browser context: one person, with their own storage, cookies and tabs.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        var context = await RequireBrowser().NewContextAsync(options ?? new() { ViewportSize = new() { Width = 1024, Height = 700 } });
        context.SetDefaultTimeout((float)Timeouts.Default.TotalMilliseconds);
        return context;
    }

    private IBrowser RequireBrowser()
    {
        if (_browser is not null)
        {
            return _browser;
        }

        const string missing = $"Chromium not found at {ExecutablePath}: install the Debian package 'chromium' to run the browser tests";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(missing + " (CI=true: CI must have it)");
        }

        Assert.Skip(missing);
        return null!; // unreachable: Assert.Skip throws
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
