using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Security;

/// <summary>
/// The real server with one route added for the test, <c>GET /test/remote-address</c>, answering the client address the
/// server's code sees (<c>HttpContext.Connection.RemoteIpAddress</c>): what every log line and per-address limit reads.
/// </summary>
internal sealed class AddressEchoServer : IAsyncDisposable
{
    public const string Path = "/test/remote-address";

    private readonly WebApplication _app;

    private AddressEchoServer(WebApplication app)
    {
        _app = app;
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public Uri BaseAddress { get; }

    public static async Task<AddressEchoServer> StartAsync(Dictionary<string, string?> settings)
    {
        var app = ParleyApp.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["Parley:Store:Kind"] = "memory" });
            builder.Logging.ClearProviders();
        });
        app.MapGet(Path, (HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "none");
        await app.StartAsync(TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default);
        return new AddressEchoServer(app);
    }

    /// <summary>The address the server saw for a request carrying <paramref name="headers"/>.</summary>
    public async Task<string> RemoteAddressSeenAsync(params string[] headers)
    {
        var response = await RawHttp.GetAsync(BaseAddress, Path, headers);
        Assert.Equal(200, response.Status);
        return response.Text;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).WaitAsync(Timeouts.Shutdown);
        await _app.DisposeAsync();
    }
}
