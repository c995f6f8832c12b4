using StackExchange.Redis;

namespace Parley.Redis;

/// <summary>
/// Every Redis key and channel Parley uses, built here and nowhere else, each under the configured prefix. Channels are
/// <see cref="RedisChannel.Literal"/>: Parley never subscribes by pattern.
/// </summary>
public sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    // --- messages (Storage/Redis)

    /// <summary>The next message id (INCR): ids are given here, so every node's ids form one sequence.</summary>
    public RedisKey LastId => Key("ids");

    /// <summary>Every stored message, in a Redis Stream whose entry ids are the message ids (<c>&lt;id&gt;-0</c>).</summary>
    public RedisKey Log => Key("log");

    /// <summary>The ids of one conversation (the room, or a pair of nicks; <c>Storage.Conversation.KeyOf</c>).</summary>
    public RedisKey Conversation(string conversationKey) => Key("conv:" + conversationKey);

    /// <summary>The ids of every direct message a nick sent or received.</summary>
    public RedisKey Direct(string nickKey) => Key("dm:" + nickKey);

    /// <summary>Every conversation that holds messages, for retention to walk.</summary>
    public RedisKey Conversations => Key("convs");

    /// <summary>Message ids by the time they were sent, for retention by age.</summary>
    public RedisKey SentTimes => Key("sent");

    /// <summary>Per conversation, the highest id retention removed.</summary>
    public RedisKey RemovedThrough => Key("removed");

    /// <summary>Per nick, the highest id retention removed from any of its direct conversations.</summary>
    public RedisKey RemovedThroughDirect => Key("removed-dm");

    /// <summary>The ids waiting in a nick's offline mailbox.</summary>
    public RedisKey Mailbox(string nickKey) => Key("mbox:" + nickKey);

    /// <summary>What each waiting message counts against the quotas.</summary>
    public RedisKey MailboxEntries(string nickKey) => Key("mbox-entries:" + nickKey);

    /// <summary>The quota counters: per sender, and for guests together.</summary>
    public RedisKey Tally => Key("tally");

    // --- accounts (Storage/Redis)

    public RedisKey Accounts => Key("accounts");

    public RedisKey GuestHolds => Key("holds");

    /// <summary>Admins' bans, ban id to JSON.</summary>
    public RedisKey Bans => Key("bans");

    /// <summary>The next ban id (INCR): never given twice.</summary>
    public RedisKey LastBanId => Key("ban-ids");

    /// <summary>The data protection key ring that seals session cookies, shared so every node opens every node's cookies.</summary>
    public RedisKey SessionKeys => Key("session-keys");

    /// <summary>Taken by the one node that makes the first session key on an empty Redis.</summary>
    public RedisKey SessionKeysFirst => Key("session-keys-first");

    // --- the cluster (Cluster/Redis)

    /// <summary>Committed messages, published by the commit itself in id order; every node subscribes once.</summary>
    public RedisChannel Messages => Channel("messages");

    /// <summary>Joins and departures of nicks across every node.</summary>
    public RedisChannel Presence => Channel("presence");

    /// <summary>Accounts and guest holds changed on one node, for the others' memory.</summary>
    public RedisChannel Claims => Channel("claims");

    /// <summary>Admins' actions that every node applies to its own streams and memory: kicks, bans, deleted messages.</summary>
    public RedisChannel Moderation => Channel("moderation");

    /// <summary>Per nick, its open streams over every node.</summary>
    public RedisKey StreamCounts => Key("streams");

    /// <summary>Per nick, how its first stream spelled it (for "has left." in that spelling).</summary>
    public RedisKey DisplayNicks => Key("display");

    /// <summary>Bumped by every join and departure, so a node that loads the online list knows which events it already holds.</summary>
    public RedisKey PresenceVersion => Key("presence-version");

    /// <summary>Every node that announced itself.</summary>
    public RedisKey Nodes => Key("nodes");

    /// <summary>Set by a node's heartbeat with an expiry: gone means the node is dead.</summary>
    public RedisKey NodeAlive(string node) => Key("node:" + node + ":alive");

    /// <summary>Per nick, a node's open streams.</summary>
    public RedisKey NodeStreams(string node) => Key("node:" + node + ":streams");

    private RedisKey Key(string name) => new(Prefix + name);

    private RedisChannel Channel(string name) => RedisChannel.Literal(Prefix + name);
}
