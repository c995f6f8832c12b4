using System.Net;
using System.Net.Sockets;

namespace Parley.Protection;

/// <summary>
/// The key a client address is limited by. An IPv4 address is its own key; an IPv6 client is keyed by its /64, the
/// block one home or one server gets, so an address per request from that block does not give a fresh bucket each time.
/// </summary>
internal static class ClientAddress
{
    /// <summary>The key of <paramref name="address"/>, or null when there is none (a Unix socket): then no per-address limit applies.</summary>
    public static string? KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return $"{new IPAddress(bytes)}/64";
    }

    /// <summary>The key of an address as <c>RemoteAddressForLog</c> writes it (<c>127.0.0.1:40312</c>, <c>::1:40312</c>, <c>unknown</c>).</summary>
    public static string? KeyOfLogged(string addressAndPort)
    {
        // The port always follows the last colon, IPv6 or not; "unknown" has none.
        var colon = addressAndPort.LastIndexOf(':');
        return colon > 0 && IPAddress.TryParse(addressAndPort.AsSpan(0, colon), out var address) ? KeyOf(address) : null;
    }
}
