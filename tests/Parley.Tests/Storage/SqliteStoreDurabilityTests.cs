using Microsoft.Extensions.Logging.Abstractions;
using Parley.Chat;
using Parley.Storage;
using Parley.Storage.Sqlite;

namespace Parley.Tests.Storage;

/// <summary>What only a store on disk promises: everything is still there after a restart, and commits reach the disk.</summary>
public sealed class SqliteStoreDurabilityTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static readonly MailboxQuotas Quotas = new(PerRecipient: 10, PerSender: 10, BytesPerSender: 10_000, ForGuests: 10, BytesForGuests: 10_000);

    private readonly TempDataFolder _folder = new();

    [Fact]
    public void Messages_mailboxes_ids_and_trim_marks_survive_closing_and_opening_again()
    {
        IReadOnlyList<ChatMessage> john, mary, waiting, pair;
        using (var store = Open())
        {
            store.Append(
                [
                    new MessageDraft("john", Nick.All, "old", Noon.AddDays(-2), ForMailbox: false),
                    new MessageDraft("john", "mary", "old and direct", Noon.AddDays(-2), ForMailbox: false),
                    new MessageDraft("pete", Nick.All, "hello", Noon, ForMailbox: false),
                    new MessageDraft("john", "Mary", "read this", Noon, ForMailbox: true),
                    new MessageDraft("pete", "mary", "and this", Noon.AddTicks(1), ForMailbox: true),
                ],
                Quotas);
            store.Trim(sentBefore: Noon.AddDays(-1), keepPerConversation: 100);
            store.RemoveWaiting("mary", throughId: 4);
            (john, mary, waiting, pair) = (store.ReadFor("john", 0, 10), store.ReadFor("mary", 0, 10), store.Waiting("mary", 10), store.History("mary", "john", long.MaxValue, 10));
        }

        using var reopened = Open();

        Assert.Equal(5, reopened.LastId);
        Assert.Equal(["hello", "read this"], john.Select(message => message.Text));
        Assert.Equal(john, reopened.ReadFor("john", 0, 10));
        Assert.Equal(mary, reopened.ReadFor("mary", 0, 10));
        Assert.Equal(["and this"], waiting.Select(message => message.Text));
        Assert.Equal(waiting, reopened.Waiting("mary", 10));
        Assert.Equal(pair, reopened.History("mary", "john", long.MaxValue, 10));
        Assert.Equal(2, reopened.RemovedThrough("mary"));
        Assert.Equal(1, reopened.RemovedThrough("sue"));
    }

    [Fact]
    public void Ids_continue_after_a_restart_even_when_trim_had_removed_every_message()
    {
        using (var store = Open())
        {
            store.Append([Broadcast("1"), Broadcast("2"), Broadcast("3")], Quotas);
            store.Trim(sentBefore: DateTimeOffset.MaxValue, keepPerConversation: 100);
        }

        using var reopened = Open();

        Assert.Equal(3, reopened.LastId);
        Assert.Equal([4L], reopened.Append([Broadcast("after the restart")], Quotas).Select(appended => appended.Message?.Id));
    }

    [Fact]
    public void Closing_the_store_closes_the_file_and_folds_the_log_into_it()
    {
        using (var store = Open())
        {
            store.Append([Broadcast("in the log")], Quotas);
            Assert.True(File.Exists($"{_folder.DatabaseFile}-wal"));
        }

        // SQLite removes the log only when the file's last connection closes: no pool kept it open.
        Assert.False(File.Exists($"{_folder.DatabaseFile}-wal"));
        Assert.False(File.Exists($"{_folder.DatabaseFile}-shm"));
        Assert.Equal("in the log", SqliteFile.Scalar(_folder.DatabaseFile, "SELECT text FROM messages;"));
    }

    [Fact]
    public void The_store_writes_ahead_to_a_log_and_syncs_every_commit()
    {
        using var store = Open();

        Assert.Equal("wal", store.Pragma("journal_mode"));
        Assert.Equal(2L, store.Pragma("synchronous")); // FULL; per connection, so only the store's own can tell
        Assert.Equal(1L, store.Pragma("foreign_keys"));
        Assert.Equal(5_000L, store.Pragma("busy_timeout"));
        Assert.Equal("wal", SqliteFile.Scalar(_folder.DatabaseFile, "PRAGMA journal_mode;")); // kept in the file
    }

    [Fact]
    public void A_new_file_carries_Parleys_application_id_and_the_latest_schema_version()
    {
        Open().Dispose();

        Assert.Equal(0x50726C79L, SqliteFile.Scalar(_folder.DatabaseFile, "PRAGMA application_id;"));
        Assert.Equal((long)SqliteMigrations.Latest, SqliteFile.Scalar(_folder.DatabaseFile, "PRAGMA user_version;"));
    }

    [Fact]
    public void Opening_a_current_file_again_changes_neither_its_schema_nor_its_messages()
    {
        IReadOnlyList<ChatMessage> before;
        using (var store = Open())
        {
            store.Append([Broadcast("kept")], Quotas);
            before = store.ReadFor("john", 0, 10);
        }

        var schema = Schema();

        using var reopened = Open();

        Assert.Equal(schema, Schema());
        Assert.Equal(before, reopened.ReadFor("john", 0, 10));
    }

    [Fact]
    public void An_empty_Parley_file_at_schema_version_0_is_migrated_to_the_latest()
    {
        Directory.CreateDirectory(_folder.DataFolder);
        SqliteFile.Execute(_folder.DatabaseFile, "PRAGMA application_id = 0x50726C79;");

        using var store = Open();

        Assert.Equal((long)SqliteMigrations.Latest, SqliteFile.Scalar(_folder.DatabaseFile, "PRAGMA user_version;"));
        Assert.Equal([1L], store.Append([Broadcast("first")], Quotas).Select(appended => appended.Message?.Id));
    }

    [Fact]
    public void An_empty_file_named_parley_db_becomes_a_new_store()
    {
        Directory.CreateDirectory(_folder.DataFolder);
        File.WriteAllBytes(_folder.DatabaseFile, []);

        using var store = Open();

        Assert.Equal(0, store.LastId);
        Assert.Equal((long)SqliteMigrations.Latest, SqliteFile.Scalar(_folder.DatabaseFile, "PRAGMA user_version;"));
    }

    public void Dispose() => _folder.Dispose();

    private static MessageDraft Broadcast(string text) => new("john", Nick.All, text, Noon, ForMailbox: false);

    private SqliteMessageStore Open()
    {
        var store = new SqliteMessageStore(_folder.DataFolder, NullLogger<SqliteMessageStore>.Instance);
        store.Open();
        return store;
    }

    private string Schema() =>
        $"{SqliteFile.Scalar(_folder.DatabaseFile, "PRAGMA user_version;")}: "
        + SqliteFile.Scalar(_folder.DatabaseFile, "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_schema ORDER BY name);");
}
