using Parley.Tests.Accounts;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.BadInput.Fuzz;

/// <summary>
/// The people the fuzz must not touch, one of each kind, each with an open stream and each sending: a registered nick
/// and a guest on JSON streams (their browsers, with their own cookies) and a seed-route user. Beside them, the
/// sessions the fuzz itself uses: the mimic's, which only the look-alike attacks carry, and a guest's and an account's
/// that the random requests carry and may spoil.
/// </summary>
internal sealed class FuzzBystanders : IAsyncDisposable
{
    public const string Password = "bystander password";

    private readonly List<IDisposable> _visitors;

    private FuzzBystanders(List<IDisposable> visitors, Visitor registered, Visitor guest, HttpClient seed, IReadOnlyList<(string Owner, SseReader Stream)> streams)
    {
        _visitors = visitors;
        Registered = registered;
        Guest = guest;
        Seed = seed;
        Streams = streams;
    }

    public Visitor Registered { get; }

    public Visitor Guest { get; }

    /// <summary>The seed bystander's client: sends as it on the seed route.</summary>
    public HttpClient Seed { get; }

    /// <summary>Each bystander's stream, in the order they came online.</summary>
    public IReadOnlyList<(string Owner, SseReader Stream)> Streams { get; }

    /// <summary>The mimic's <c>parley_session=…</c> pair.</summary>
    public string MimicCookie { get; private init; } = "";

    /// <summary>The <c>parley_session=…</c> pairs of the fuzz guest's and the fuzz account's sessions.</summary>
    public IReadOnlyList<string> FuzzCookies { get; private init; } = [];

    /// <summary>The online list while only the bystanders are online, as <c>/api/users/online</c> answers it.</summary>
    public static string OnlineAlone =>
        "[" + string.Join(',', FuzzNicks.Bystanders.Select(nick => $$"""{"nick":"{{nick}}","streams":1}""")) + "]";

    public static async Task<FuzzBystanders> StartAsync(ParleyServer server)
    {
        var registered = Visitor.To(server);
        var guest = Visitor.To(server);
        var mimic = Visitor.To(server);
        var fuzzGuest = Visitor.To(server);
        var fuzzAccount = Visitor.To(server);
        var seed = server.CreateClient();
        List<IDisposable> visitors = [registered, guest, mimic, fuzzGuest, fuzzAccount, seed];
        Assert.Equal(201, (await Visitor.ReadAsync(registered.RegisterAsync(FuzzNicks.RegisteredBystander, Password))).Status);
        Assert.Equal(200, (await Visitor.ReadAsync(guest.GuestAsync(FuzzNicks.GuestBystander))).Status);
        Assert.Equal(200, (await Visitor.ReadAsync(mimic.GuestAsync(FuzzNicks.Mimic))).Status);
        Assert.Equal(200, (await Visitor.ReadAsync(fuzzGuest.GuestAsync(FuzzNicks.FuzzGuest))).Status);
        Assert.Equal(201, (await Visitor.ReadAsync(fuzzAccount.RegisterAsync(FuzzNicks.FuzzAccount, FuzzNicks.FuzzAccountPassword))).Status);

        // One at a time, each welcomed before the next opens, so they come online in the order OnlineAlone lists them.
        var streams = new List<(string, SseReader)>
        {
            (FuzzNicks.RegisteredBystander, await OpenAsync(registered.Http, "/api/events")),
            (FuzzNicks.GuestBystander, await OpenAsync(guest.Http, "/api/events")),
            (FuzzNicks.SeedBystander, await OpenAsync(seed, "/" + FuzzNicks.SeedBystander)),
        };
        return new FuzzBystanders(visitors, registered, guest, seed, streams)
        {
            MimicCookie = SessionCookieOf(mimic, server),
            FuzzCookies = [SessionCookieOf(fuzzGuest, server), SessionCookieOf(fuzzAccount, server)],
        };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, stream) in Streams)
        {
            await stream.DisposeAsync();
        }

        _visitors.ForEach(visitor => visitor.Dispose());
    }

    /// <summary>Opens a stream, keeping message ids (they tell a message from an announcement), and reads its welcome and online list.</summary>
    private static async Task<SseReader> OpenAsync(HttpClient client, string path)
    {
        var stream = await SseReader.OpenAsync(client, path, keepIds: true);
        await stream.NextEventAsync();
        await stream.NextEventAsync();
        return stream;
    }

    private static string SessionCookieOf(Visitor visitor, ParleyServer server) =>
        visitor.Cookies.GetCookies(server.BaseAddress)["parley_session"] is { } cookie
            ? $"{cookie.Name}={cookie.Value}"
            : throw new InvalidOperationException("The session was started without a parley_session cookie.");
}
