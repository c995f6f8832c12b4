using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Parley.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Tests.Browser;

/// <summary>
/// Someone using the chat page in their own browser context: their own cookies, so their own session, as a person on
/// their own computer. Everything goes through what the page shows (labels, roles, texts) and what a person does
/// (fill, click, Enter), never through the page's own functions.
/// </summary>
public sealed partial class Person : IAsyncDisposable
{
    private Person(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public ILocator NickInput => Page.GetByLabel("Choose a nick");

    public ILocator JoinButton => Page.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true });

    /// <summary>Why joining as a guest was refused, beside the guest form.</summary>
    public ILocator GuestRefusal => Page.GetByRole(AriaRole.Form, new() { Name = "Join as a guest", Exact = true }).GetByRole(AriaRole.Alert);

    public ILocator AccountNickInput => Page.GetByLabel("Nick", new() { Exact = true });

    public ILocator PasswordInput => Page.GetByLabel("Password", new() { Exact = true });

    public ILocator LogInButton => Page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true });

    public ILocator RegisterButton => Page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true });

    /// <summary>Why logging in or registering was refused, beside that form.</summary>
    public ILocator AccountRefusal => Page.GetByRole(AriaRole.Form, new() { Name = "Log in or register", Exact = true }).GetByRole(AriaRole.Alert);

    /// <summary>Why the login screen is back (logged out, session ended): the first alert on the page, above both forms.</summary>
    public ILocator LoginNotice => Page.GetByRole(AriaRole.Alert).First;

    public ILocator LogOutButton => Page.GetByRole(AriaRole.Button, new() { Name = "Log out", Exact = true });

    public ILocator ChangePasswordButton => Page.GetByRole(AriaRole.Button, new() { Name = "Change password", Exact = true });

    /// <summary>The error line under the message input: a refused send, a line that is not "{to} {text}".</summary>
    public ILocator SendRefusal => Page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Alert);

    public ILocator MessageInput => Page.GetByLabel(MessageLabel());

    public ILocator SendButton => Page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true });

    public ILocator Status => Page.GetByRole(AriaRole.Status);

    public ILocator Messages => Page.GetByRole(AriaRole.Log, new() { Name = "Messages", Exact = true });

    public ILocator Lines => Messages.GetByRole(AriaRole.Listitem);

    public ILocator JumpToNew => Page.GetByRole(AriaRole.Button, new() { NameRegex = JumpLabel() });

    /// <summary>Opens the chat page of <paramref name="server"/> in a new context.</summary>
    /// <param name="prepare">Runs on the context before the page loads (init scripts, a fixed clock).</param>
    public static Task<Person> OpenAsync(
        Chromium chromium, ParleyServer server, BrowserNewContextOptions? options = null, Func<IBrowserContext, Task>? prepare = null) =>
        OpenAsync(chromium, server.BaseAddress, options, prepare);

    /// <summary>Opens the chat page at <paramref name="address"/> (a server, or a balancer in front of several) in a new context.</summary>
    public static async Task<Person> OpenAsync(
        Chromium chromium, Uri address, BrowserNewContextOptions? options = null, Func<IBrowserContext, Task>? prepare = null)
    {
        var context = await chromium.NewContextAsync(options);
        if (prepare is not null)
        {
            await prepare(context);
        }

        var page = await context.NewPageAsync();
        await page.GotoAsync(address.ToString());
        return new Person(context, page);
    }

    /// <summary>Picks a nick as a guest, joins and waits until the page says it is connected.</summary>
    public async Task JoinAsync(string nick)
    {
        await NickInput.FillAsync(nick);
        await JoinButton.ClickAsync();
        await Expect(Status).ToHaveTextAsync("connected");
    }

    /// <summary>Registers <paramref name="nick"/> and waits until the page says it is connected.</summary>
    public async Task RegisterAsync(string nick, string password)
    {
        await FillAccountAsync(nick, password);
        await RegisterButton.ClickAsync();
        await Expect(Status).ToHaveTextAsync("connected");
    }

    /// <summary>Logs in as the registered <paramref name="nick"/> and waits until the page says it is connected.</summary>
    public async Task LogInAsync(string nick, string password)
    {
        await FillAccountAsync(nick, password);
        await LogInButton.ClickAsync();
        await Expect(Status).ToHaveTextAsync("connected");
    }

    public async Task FillAccountAsync(string nick, string password)
    {
        await AccountNickInput.FillAsync(nick);
        await PasswordInput.FillAsync(password);
    }

    /// <summary>Logs out and waits for the login screen.</summary>
    public async Task LogOutAsync()
    {
        await LogOutButton.ClickAsync();
        await Expect(NickInput).ToBeVisibleAsync();
    }

    /// <summary>Types "{to} {text}", presses Enter and waits until the page took it (the input keeps "{to} ").</summary>
    public async Task SayAsync(string line)
    {
        await MessageInput.FillAsync(line);
        await MessageInput.PressAsync("Enter");
        await Expect(MessageInput).ToHaveValueAsync(line[..(line.IndexOf(' ', StringComparison.Ordinal) + 1)]);
    }

    /// <summary>A nick's button in the "Online" list.</summary>
    public ILocator OnlineNick(string nick) =>
        Page.GetByRole(AriaRole.Navigation, new() { NameRegex = OnlineLabel() })
            .GetByRole(AriaRole.Listitem)
            .GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^{Regex.Escape(nick)}( \\(you\\))?$") });

    /// <summary>The message lines that contain <paramref name="text"/>.</summary>
    public ILocator LineWith(string text) => Lines.Filter(new() { HasText = text });

    /// <summary>A line exactly as shown after its time stamp, e.g. <c>all mary: hello</c>.</summary>
    public static Regex Shown(string afterTime) => new($"^\\d\\d:\\d\\d {Regex.Escape(afterTime)}$");

    /// <summary>The class that gives a line its look: broadcast, direct-in, direct-out or system.</summary>
    public static Regex Kind(string kind) => new($"(^| )line-{Regex.Escape(kind)}( |$)");

    /// <summary>Asserts the one line holding <paramref name="text"/> reads exactly <paramref name="afterTime"/> and is of <paramref name="kind"/>.</summary>
    public async Task ExpectLineAsync(string text, string kind, string afterTime)
    {
        var line = LineWith(text);
        await Expect(line).ToHaveCountAsync(1);
        await Expect(line).ToHaveTextAsync(Shown(afterTime));
        await Expect(line).ToHaveClassAsync(Kind(kind));
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();

    [GeneratedRegex("^Message:")]
    private static partial Regex MessageLabel();

    [GeneratedRegex("^Online")]
    private static partial Regex OnlineLabel();

    [GeneratedRegex("^New messages")]
    private static partial Regex JumpLabel();
}
