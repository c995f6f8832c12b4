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
}
