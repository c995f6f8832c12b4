using Parley.Chat;
using Parley.Cluster;
using Parley.Protection;
using Parley.Storage;

namespace Parley.Moderation;

/// <summary>
/// What an admin does, applied here and told to the other nodes: kicking through the hub (which owns the streams),
/// bans through the store and then the <see cref="BanList"/>, deletions through the store and then the streams.
/// Every action is logged once, with the admin who did it. Store work runs on the store thread and is awaited.
/// </summary>
public sealed partial class Moderator(
    ChatHub hub,
    BanList bans,
    StoreThread store,
    IModerationBackplane otherNodes,
    TimeProvider time,
    ILogger<Moderator> logger)
{
    private static readonly Kicked KickedNotice = new(Banned: false, Until: null);

    /// <summary>Ends every stream of <paramref name="nick"/> on every node; returns how many were open on this one.</summary>
    public int Kick(string nick, string admin)
    {
        var closed = hub.Kick(nick, KickedNotice);
        otherNodes.Kicked(nick);
        Log.Kicked(logger, admin, nick, closed);
        return closed;
    }

    /// <summary>Stores a ban of <paramref name="target"/> for <paramref name="duration"/> and ends its streams on every node.</summary>
    /// <param name="target">A nick, or an address as <see cref="ClientAddress.KeyOf"/> keys it.</param>
    public async Task<StoredBan> BanAsync(BanKind kind, string target, TimeSpan duration, string admin)
    {
        var now = time.GetUtcNow();
        var draft = new StoredBan(0, kind, target, now + duration, admin, now);
        var ban = await store.RunAsync(s => s.Accounts.AddBan(draft));
        var closed = Apply(ban);
        otherNodes.Banned(ban);
        Log.Banned(logger, admin, ban.Kind, ban.Target, BanList.Stamp(ban.Until), duration, ban.Id, closed);
        return ban;
    }

    /// <summary>Lifts ban <paramref name="id"/> on every node; null when no such ban is in force.</summary>
    public async Task<StoredBan?> LiftAsync(long id, string admin)
    {
        var removed = await store.RunAsync(s => s.Accounts.RemoveBan(id));
        var ban = bans.Find(id);
        bans.Lifted(id);
        if (!removed || ban is null)
        {
            return null;
        }

        otherNodes.Lifted(id);
        Log.Lifted(logger, admin, id, ban.Kind, ban.Target);
        return ban;
    }

    /// <summary>Deletes message <paramref name="id"/> from the store and from the pages showing it, on every node; null when there is none.</summary>
    public async Task<ChatMessage?> DeleteAsync(long id, string admin)
    {
        var message = await store.RunAsync(s => s.Delete(id));
        if (message is null)
        {
            return null;
        }

        hub.MessageDeleted(message);
        otherNodes.Deleted(message);
        Log.Deleted(logger, admin, id, message.From, message.To);
        return message;
    }

    /// <summary>An admin on another node kicked <paramref name="nick"/>.</summary>
    public void KickedElsewhere(string nick) => hub.Kick(nick, KickedNotice);

    /// <summary>An admin on another node banned someone; the store has it already.</summary>
    public void BannedElsewhere(StoredBan ban) => Apply(ban);

    public void LiftedElsewhere(long id) => bans.Lifted(id);

    /// <summary>Reads the bans again after this node may have missed some; ends the streams the new ones keep out.</summary>
    public async Task CatchUpOnBansAsync()
    {
        foreach (var missed in await bans.LoadAsync())
        {
            Apply(missed);
        }
    }

    public void DeletedElsewhere(ChatMessage message) => hub.MessageDeleted(message);

    private int Apply(StoredBan ban)
    {
        bans.Added(ban);
        var notice = new Kicked(Banned: true, ban.Until);
        return ban.Kind == BanKind.Nick ? hub.Kick(ban.Target, notice) : hub.KickAddress(ban.Target, notice);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Admin {Admin} kicked {Nick}: {Streams} streams closed on this node")]
        public static partial void Kicked(ILogger logger, string admin, string nick, int streams);

        [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Admin {Admin} banned {Kind} {Target} until {Until} (for {Duration}), ban {BanId}: {Streams} streams closed on this node")]
        public static partial void Banned(ILogger logger, string admin, BanKind kind, string target, string until, TimeSpan duration, long banId, int streams);

        [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Admin {Admin} lifted ban {BanId} on {Kind} {Target}")]
        public static partial void Lifted(ILogger logger, string admin, long banId, BanKind kind, string target);

        [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Admin {Admin} deleted message {MessageId} from {From} to {To}")]
        public static partial void Deleted(ILogger logger, string admin, long messageId, string from, string to);
    }
}
