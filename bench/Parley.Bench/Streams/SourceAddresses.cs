using System.Net;
using Parley.Bench.Cli;

namespace Parley.Bench.Streams;

/// <summary>
/// The local addresses streams connect from. One source address has about 28,000 ephemeral ports
/// (net.ipv4.ip_local_port_range), so tens of thousands of streams to one server port would run out;
/// every 127.0.0.x reaches a server on loopback, and each brings its own ports.
/// </summary>
internal sealed class SourceAddresses
{
    /// <summary>Sockets per address when the tool chooses: well below the port range, so ports never run short.</summary>
    public const int SocketsPerAddress = 20_000;

    /// <summary>127.0.0.1 to 127.0.0.254.</summary>
    public const int MaxAddresses = 254;

    private readonly IPAddress[] _addresses;

    private SourceAddresses(IPAddress[] addresses) => _addresses = addresses;

    /// <summary>How many addresses are in use (1 when the system picks the source).</summary>
    public int Count => Math.Max(1, _addresses.Length);

    /// <param name="requested">The <c>--source-addresses</c> option: 0 lets the tool choose from <paramref name="sockets"/>.</param>
    /// <param name="serverOnLoopback">Only a server on 127.0.0.0/8 is reachable from every 127.0.0.x.</param>
    public static SourceAddresses Choose(int requested, int sockets, bool serverOnLoopback)
    {
        var count = requested == 0 ? AutoCount(sockets) : requested;
        if (!serverOnLoopback)
        {
            return count == 1
                ? new SourceAddresses([])
                : throw new BenchUsageException($"{count} source addresses need a server on 127.0.0.x; with another server use --source-addresses 1");
        }

        return new SourceAddresses([.. Enumerable.Range(1, count).Select(i => new IPAddress([127, 0, 0, (byte)i]))]);
    }

    public static int AutoCount(int sockets) => Math.Clamp((sockets + SocketsPerAddress - 1) / SocketsPerAddress, 1, MaxAddresses);

    /// <summary>The address socket <paramref name="index"/> binds to (round robin), or null to let the system choose.</summary>
    public IPAddress? For(int index) => _addresses.Length == 0 ? null : _addresses[index % _addresses.Length];
}
