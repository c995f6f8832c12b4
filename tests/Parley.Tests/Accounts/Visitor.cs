using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Accounts;

/// <summary>One person's browser as the API sees it: an HTTP client with its own cookie jar.</summary>
internal sealed class Visitor : IDisposable
{
    private Visitor(Uri server, CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
        Http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, MaxResponseDrainSize = 0 })
        {
            BaseAddress = server,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public HttpClient Http { get; }

    public CookieContainer Cookies { get; }

    public static Visitor To(ParleyServer server) => new(server.BaseAddress);

    public static Visitor To(Uri server) => new(server);

    /// <summary>The same browser on another node behind a load balancer: the same cookies, another address.</summary>
    public Visitor On(ParleyServer node) => new(node.BaseAddress, Cookies);

    public Task<HttpResponseMessage> GuestAsync(string nick) => PostAsync("/api/session", new { nick });

    public Task<HttpResponseMessage> LogInAsync(string nick, string password) => PostAsync("/api/session", new { nick, password });

    public Task<HttpResponseMessage> RegisterAsync(string nick, string password) => PostAsync("/api/accounts", new { nick, password });

    public Task<HttpResponseMessage> SendAsync(string to, string text) => PostAsync("/api/messages", new { to, text });

    public async Task<HttpResponseMessage> PostAsync(string path, object body) =>
        await Http.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken);

    public async Task<HttpResponseMessage> GetAsync(string path) =>
        await Http.GetAsync(path, TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken);

    public async Task<HttpResponseMessage> DeleteAsync(string path) =>
        await Http.DeleteAsync(path, TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken);

    /// <summary>The status and body of a response, disposing it: what most assertions here compare.</summary>
    public static async Task<(int Status, string Body)> ReadAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The status and the problem's detail (or the whole body when it is not a problem).</summary>
    public static async Task<(int Status, string Detail)> ProblemAsync(Task<HttpResponseMessage> sending)
    {
        var (status, body) = await ReadAsync(sending);
        try
        {
            using var json = JsonDocument.Parse(body);
            return (status, json.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString()! : body);
        }
        catch (JsonException)
        {
            return (status, body);
        }
    }

    public void Dispose() => Http.Dispose();
}
