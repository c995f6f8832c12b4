using Microsoft.Extensions.Options;
using Parley.Accounts;
using Parley.Chat;

namespace Parley.Moderation;

/// <summary>Whether a session is an admin's: logged in to a registered account named in <see cref="ModerationOptions.Admins"/>.</summary>
public sealed class Admins(IOptionsMonitor<ModerationOptions> options)
{
    public bool IsAdmin(ChatSession? session) =>
        session is { Kind: SessionKind.Registered } && options.CurrentValue.Admins.Contains(session.Nick, Nick.Comparer);
}
