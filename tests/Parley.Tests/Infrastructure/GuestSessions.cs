using System.Net.Http.Json;
using System.Text.Json;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// Lets a test client stand for many people at once, one browser per nick: a JSON request that names a nick (the
/// <c>nick</c> of <c>/api/events</c> or <c>/api/history</c>, the <c>from</c> of a <c>POST /api/messages</c>) carries that
/// nick's guest session cookie, started with <c>POST /api/session</c> the first time. The server itself takes the nick
/// from the session only; the name in the request must match it. Sessions are kept per test and server address, so a
/// server restarted on its data folder at the same address sees the same sessions.
/// When a kept cookie meets a 401 (a server that came back at that address without the keys), a new session is started
/// and the request sent once more. Requests that already carry a cookie, and every other route, go through untouched.
/// </summary>
public sealed class GuestSessions(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    // Per test: ports are reused from one test to the next, and a cookie of an earlier server would be no session here.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<string?>>>> PerTest = [];

    private static System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<string?>>> Sessions =>
        PerTest.GetValue(TestContext.Current.Test ?? (object)PerTest, _ => new(StringComparer.Ordinal));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Contains("Cookie") || await NickNamedByAsync(request) is not { } nick
            || await CookieForAsync(request.RequestUri!, nick, cancellationToken) is not { } cookie)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        request.Headers.Add("Cookie", cookie);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized)
        {
            return response;
        }

        Forget(request.RequestUri!, nick, cookie);
        if (await CookieForAsync(request.RequestUri!, nick, cancellationToken) is not { } fresh || fresh == cookie)
        {
            return response;
        }

        response.Dispose();
        using var again = new HttpRequestMessage(request.Method, request.RequestUri);
        foreach (var header in request.Headers.Where(header => header.Key != "Cookie"))
        {
            again.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        again.Headers.Add("Cookie", fresh);
        if (body is not null)
        {
            again.Content = new ByteArrayContent(body);
            foreach (var header in request.Content!.Headers)
            {
                again.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return await base.SendAsync(again, cancellationToken);
    }

    private static string KeyOf(Uri server, string nick) => $"parley-guest:{server.GetLeftPart(UriPartial.Authority)}:{nick.ToLowerInvariant()}";

    private static void Forget(Uri server, string nick, string cookie)
    {
        var sessions = Sessions;
        if (sessions.TryGetValue(KeyOf(server, nick), out var kept) && kept.IsValueCreated
            && kept.Value.IsCompletedSuccessfully && kept.Value.Result == cookie)
        {
            sessions.TryRemove(new KeyValuePair<string, Lazy<Task<string?>>>(KeyOf(server, nick), kept));
        }
    }

    /// <summary>The guest session cookie of <paramref name="nick"/>, shared with this test's clients; throws when the server refuses one.</summary>
    public static async Task<string> CookieAsync(Uri server, string nick)
    {
        using var sessions = new GuestSessions(new SocketsHttpHandler { UseCookies = false });
        return await sessions.CookieForAsync(server, nick, TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default)
            ?? throw new InvalidOperationException($"The server refused a guest session for '{nick}'.");
    }

    /// <summary>The guest session cookie of <paramref name="nick"/> on the server at <paramref name="server"/>; null when the server refused one.</summary>
    public async Task<string?> CookieForAsync(Uri server, string nick, CancellationToken cancellationToken)
    {
        // One start per nick even when many requests for it go out at once: the second start would find the nick held.
        var key = KeyOf(server, nick);
        var sessions = Sessions;
        var starting = sessions.GetOrAdd(key, _ => new Lazy<Task<string?>>(() => StartAsync(server, nick, cancellationToken)));
        var cookie = await starting.Value;
        if (cookie is null)
        {
            sessions.TryRemove(new KeyValuePair<string, Lazy<Task<string?>>>(key, starting)); // refused: a later request may try again
        }

        return cookie;
    }

    private async Task<string?> StartAsync(Uri server, string nick, CancellationToken cancellationToken)
    {
        using var start = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "/api/session"))
        {
            Content = JsonContent.Create(new { nick }),
        };
        using var response = await base.SendAsync(start, cancellationToken);
        if (!response.IsSuccessStatusCode || !response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            return null;
        }

        return setCookies.Select(header => header.Split(';')[0]).First(pair => pair.StartsWith("parley_session=", StringComparison.Ordinal));
    }

    private static async Task<string?> NickNamedByAsync(HttpRequestMessage request)
    {
        var path = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.AbsolutePath : request.RequestUri.OriginalString.Split('?')[0];
        if (path is "/api/events" or "/api/history")
        {
            var query = request.RequestUri.IsAbsoluteUri ? request.RequestUri.Query : request.RequestUri.OriginalString[path.Length..];
            return System.Web.HttpUtility.ParseQueryString(query)["nick"] is { Length: > 0 } nick ? nick : null;
        }

        if (path == "/api/messages" && request.Method == HttpMethod.Post && request.Content is not null)
        {
            try
            {
                using var body = JsonDocument.Parse(await request.Content.ReadAsStringAsync());
                return body.RootElement.ValueKind == JsonValueKind.Object
                    && body.RootElement.TryGetProperty("from", out var from) && from.ValueKind == JsonValueKind.String
                    ? from.GetString()
                    : null;
            }
            catch (JsonException)
            {
                return null; // not JSON: the test is about the body, and the server's answer says so
            }
        }

        return null;
    }
}
