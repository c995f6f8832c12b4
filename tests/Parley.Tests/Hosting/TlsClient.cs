using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Hosting;

/// <summary>
/// Clients of a Parley server that listens with TLS: they trust only the test's certificate and speak exactly one HTTP
/// version (no fallback), with a guest session per nick as <see cref="ParleyServer.CreateClient"/>'s clients have.
/// </summary>
internal static class TlsClient
{
    /// <summary>The settings of an endpoint in Kestrel's configuration: HTTPS on a free loopback port, the PEM certificate and key.</summary>
    public static Dictionary<string, string?> Endpoint(TestCertificate certificate, string protocols = "Http1AndHttp2") => new()
    {
        ["Kestrel:Endpoints:Https:Url"] = "https://127.0.0.1:0",
        ["Kestrel:Endpoints:Https:Protocols"] = protocols,
        ["Kestrel:Endpoints:Https:Certificate:Path"] = certificate.PemPath,
        ["Kestrel:Endpoints:Https:Certificate:KeyPath"] = certificate.KeyPath,
    };

    /// <param name="connected">Called once per connection the client opens (each TCP connect).</param>
    /// <param name="certificateChecked">
    /// Called with the outcome of each check of the server's certificate; the handshake goes on only when it is none.
    /// </param>
    public static HttpClient Create(
        ParleyServer server, TestCertificate certificate, Version version, Action? connected = null, Action<SslPolicyErrors>? certificateChecked = null)
    {
        var tls = certificate.TrustOnly();
        tls.RemoteCertificateValidationCallback = (_, _, _, errors) =>
        {
            certificateChecked?.Invoke(errors);
            return errors == SslPolicyErrors.None; // what the handler decides with no callback
        };

        var transport = new SocketsHttpHandler
        {
            SslOptions = tls,
            MaxResponseDrainSize = 0, // as ParleyServer's clients: disposing a stream ends it at once
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                connected?.Invoke();
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };

        return new HttpClient(new GuestSessions(new ExactVersion(transport, version)))
        {
            BaseAddress = server.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan, // streams live long; every await in the tests has its own timeout
        };
    }

    /// <summary>
    /// Puts every request on <paramref name="version"/>, refusing to fall back: requests made by the shared helpers
    /// (<c>SseReader</c>, guest session starts) are built as HTTP/1.1 by default, whatever the client's defaults say.
    /// </summary>
    private sealed class ExactVersion(HttpMessageHandler inner, Version version) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Version = version;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
