using System.Net;
using Microsoft.Extensions.Options;
using Parley.Accounts;
using Parley.Chat;

namespace Parley.Moderation;

/// <summary>
/// Whether a session is an admin's: logged in to a registered account named in <see cref="ModerationOptions.Admins"/>.
/// Whoever registers a listed nick first becomes its admin, so a listed nick is reserved for the operator on the machine
/// itself: only a loopback client address (after a configured proxy's X-Forwarded-For) may register it or hold it as a guest.
/// </summary>
public sealed class Admins(IOptionsMonitor<ModerationOptions> options)
{
    public bool IsAdmin(ChatSession? session) =>
        session is { Kind: SessionKind.Registered } && IsListed(session.Nick);

    public bool IsListed(string nick) => options.CurrentValue.Admins.Contains(nick, Nick.Comparer);

    /// <summary>Why <paramref name="address"/> may not register (or hold as a guest) <paramref name="nick"/>; null when it may.</summary>
    public Rejection? ReservedFor(string nick, IPAddress? address, bool registering) =>
        !IsListed(nick) || IsOnTheServer(address)
            ? null
            : new Rejection(
                RejectionKind.Forbidden,
                "nick",
                registering
                    ? $"'{nick}' is reserved for an admin; register it from the server itself"
                    : $"'{nick}' is reserved for an admin; log in with its password");

    // No address (a Unix socket, most likely a proxy's) is not the machine's own operator: refused as remote.
    private static bool IsOnTheServer(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
