namespace Parley.Storage.Sqlite;

/// <summary>
/// The schema, as the steps that build it: step n takes a database at schema version n-1 to version n. A released
/// step never changes (databases out there were built by it); a change to the schema is a new step at the end.
/// </summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<string> Steps { get; } = [Version1, Version2, Version3];

    /// <summary>The schema version this build writes and the newest it can open.</summary>
    public static int Latest => Steps.Count;

    private const string Version1 = $"""
        -- Every stored message. The id is the SSE event id clients resume from, so AUTOINCREMENT: an id is never
        -- given twice, even once retention has removed every row (sqlite_sequence keeps the highest).
        CREATE TABLE messages (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            sender        TEXT    NOT NULL,  -- the nick as its owner wrote it
            recipient     TEXT    NOT NULL,  -- a nick as the sender wrote it, or '{Conversation.Room}'
            sender_key    TEXT    NOT NULL,  -- Conversation.NickKey(sender)
            recipient_key TEXT    NOT NULL,  -- Conversation.NickKey(recipient): '{Conversation.Room}' for a broadcast
            conversation  TEXT    NOT NULL,  -- Conversation.KeyOf: '{Conversation.Room}', or both nick keys in order
            text          TEXT    NOT NULL,
            sent_at       INTEGER NOT NULL,  -- UTC ticks (100 ns): a DateTimeOffset comes back to the tick
            stored        INTEGER NOT NULL CHECK (stored IN (0, 1))  -- 1: it waited in the recipient's mailbox
        );

        -- ReadFor walks these in id order: broadcasts and messages to a nick, then messages from it.
        CREATE INDEX messages_by_recipient ON messages (recipient_key, id);
        CREATE INDEX messages_by_sender ON messages (sender_key, id);
        -- History pages one conversation newest first; Trim ranks each conversation's messages by id.
        CREATE INDEX messages_by_conversation ON messages (conversation, id);
        -- Trim by age.
        CREATE INDEX messages_by_sent_at ON messages (sent_at);

        -- The offline mailbox: which messages wait for which nick. A message retention removes leaves it too.
        CREATE TABLE mailbox (
            nick_key   TEXT    NOT NULL,
            message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
            PRIMARY KEY (nick_key, message_id)
        ) WITHOUT ROWID;
        -- The cascade finds a removed message's entries by its id.
        CREATE INDEX mailbox_by_message ON mailbox (message_id);

        -- Per conversation, the highest id retention removed, so a client resuming from before it learns it missed some.
        CREATE TABLE trimmed (
            conversation TEXT    NOT NULL PRIMARY KEY,
            nick_a       TEXT,               -- the two nick keys of a direct conversation; NULL for the room
            nick_b       TEXT,
            through_id   INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX trimmed_by_nick_a ON trimmed (nick_a);
        CREATE INDEX trimmed_by_nick_b ON trimmed (nick_b);
        """;

    private const string Version2 = """
        -- What each waiting message counts against the offline quotas, kept on its mailbox entry so that delivering or
        -- trimming it takes back exactly what it added, and so the counts can be rebuilt from this table alone at open.
        ALTER TABLE mailbox ADD COLUMN sender_key TEXT    NOT NULL DEFAULT '';  -- Conversation.NickKey of the sender
        ALTER TABLE mailbox ADD COLUMN bytes      INTEGER NOT NULL DEFAULT 0;   -- UTF-8 bytes of the text
        -- 1: the recipient was registered when the message started to wait; 0: a guest's, counted in the guests' total.
        ALTER TABLE mailbox ADD COLUMN registered INTEGER NOT NULL DEFAULT 0 CHECK (registered IN (0, 1));
        -- Before version 2 there were no accounts: every entry is a guest's.
        UPDATE mailbox SET
            sender_key = (SELECT sender_key FROM messages WHERE id = message_id),
            bytes = (SELECT length(CAST(text AS BLOB)) FROM messages WHERE id = message_id);

        -- Registered nicks: the nick as its owner wrote it, looked up by Conversation.NickKey.
        CREATE TABLE accounts (
            nick_key      TEXT    NOT NULL PRIMARY KEY,
            nick          TEXT    NOT NULL,
            password_hash TEXT    NOT NULL,  -- a salted slow hash, never the password
            stamp         TEXT    NOT NULL,  -- changes with the password; sessions carry it
            created_at    INTEGER NOT NULL   -- UTC ticks
        ) WITHOUT ROWID;

        -- A guest session's hold on a nick nobody registered: one per nick.
        CREATE TABLE guest_holds (
            nick_key   TEXT    NOT NULL PRIMARY KEY,
            nick       TEXT    NOT NULL,
            session_id TEXT    NOT NULL,
            expires_at INTEGER NOT NULL  -- UTC ticks
        ) WITHOUT ROWID;
        """;

    private const string Version3 = """
        -- Admins' bans: a nick or a client address (as the per-address limits key it) kept out until a time. AUTOINCREMENT:
        -- a ban's id is never given twice, so lifting an old id can never lift a newer ban.
        CREATE TABLE bans (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            kind       TEXT    NOT NULL CHECK (kind IN ('nick', 'address')),
            target     TEXT    NOT NULL,
            expires_at INTEGER NOT NULL,  -- UTC ticks: the ban ends then
            admin      TEXT    NOT NULL,  -- the nick of the admin who banned
            created_at INTEGER NOT NULL   -- UTC ticks
        );
        """;
}
