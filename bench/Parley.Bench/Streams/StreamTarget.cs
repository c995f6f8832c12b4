using System.Net;
using System.Net.Sockets;

namespace Parley.Bench.Streams;

/// <summary>Where the server listens, as an IPv4 end point, and the <c>Host</c> header requests to it carry.</summary>
internal sealed record StreamTarget(IPEndPoint EndPoint, string Host)
{
    public static async Task<StreamTarget> ResolveAsync(Uri url, CancellationToken cancellation)
    {
        if (!IPAddress.TryParse(url.Host, out var address))
        {
            var addresses = await Dns.GetHostAddressesAsync(url.Host, AddressFamily.InterNetwork, cancellation);
            address = addresses.FirstOrDefault()
                ?? throw new InvalidOperationException($"{url.Host} has no IPv4 address");
        }

        return new StreamTarget(new IPEndPoint(address, url.Port), url.Authority);
    }

    /// <summary>True when the server is somewhere in 127.0.0.0/8, where every 127.x.y.z is this machine.</summary>
    public bool IsLoopback => EndPoint.AddressFamily == AddressFamily.InterNetwork && IPAddress.IsLoopback(EndPoint.Address);
}
