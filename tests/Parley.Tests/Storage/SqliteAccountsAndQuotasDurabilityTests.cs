using Microsoft.Extensions.Logging.Abstractions;
using Parley.Storage;
using Parley.Storage.Sqlite;

namespace Parley.Tests.Storage;

/// <summary>
/// Accounts, guest holds and what the offline quotas count live in <c>parley.db</c> too: they are all there after a
/// restart, and a file written before they existed (schema version 1) is migrated with its mailboxes counted.
/// </summary>
public sealed class SqliteAccountsAndQuotasDurabilityTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static readonly MailboxQuotas Roomy = new(PerRecipient: 100, PerSender: 100, BytesPerSender: 1_000_000, ForGuests: 100, BytesForGuests: 1_000_000);

    private readonly TempDataFolder _folder = new();

    [Fact]
    public void Accounts_and_guest_holds_survive_closing_and_opening_again()
    {
        var mary = new StoredAccount("Mary", "hash", "stamp", Noon);
        var hold = new StoredGuestHold("Pete", "session-a", Noon.AddHours(1));
        using (var store = Open())
        {
            store.Accounts.AddAccount(mary);
            store.Accounts.AddAccount(new StoredAccount("john", "hash", "stamp", Noon));
            store.Accounts.UpdateAccount("JOHN", "new hash", "new stamp");
            store.Accounts.SaveGuestHold(hold, Noon);
            store.Accounts.SaveGuestHold(new StoredGuestHold("sue", "session-b", Noon), Noon);
            store.Accounts.RemoveGuestHold("sue", "session-b");
        }

        using var reopened = Open();

        Assert.Equal([mary, new StoredAccount("john", "new hash", "new stamp", Noon)], reopened.Accounts.Accounts().OrderBy(account => account.Nick, StringComparer.Ordinal));
        Assert.Equal([hold], reopened.Accounts.GuestHolds());
        Assert.False(reopened.Accounts.AddAccount(new StoredAccount("MARY", "other", "other", Noon)));
    }

    [Fact]
    public void What_waits_is_counted_again_at_open_against_every_quota()
    {
        using (var store = Open())
        {
            store.Append(
                [
                    new MessageDraft("john", "mary", "héllo", Noon, ForMailbox: true), // 6 bytes, a guest's
                    new MessageDraft("john", "sue", "hi", Noon, ForMailbox: true, RecipientRegistered: true),
                    new MessageDraft("pete", "mary", "hey", Noon, ForMailbox: true),
                    new MessageDraft("pete", "ann", "gone", Noon, ForMailbox: true),
                ],
                Roomy);
            store.RemoveWaiting("ann", throughId: 4);
        }

        using var reopened = Open();

        // john has 2 waiting (8 bytes), pete 1 (3 bytes), mary 2; guests 2 (9 bytes): sue's is a registered nick's.
        Assert.Equal(Refused(MailboxQuota.PerRecipient, 2), Append(reopened, "bob", "mary", "x", Roomy with { PerRecipient = 2 }));
        Assert.Equal(Refused(MailboxQuota.PerSender, 2), Append(reopened, "john", "bob", "x", Roomy with { PerSender = 2 }));
        Assert.Equal(Refused(MailboxQuota.BytesPerSender, 11), Append(reopened, "pete", "bob", "123456789", Roomy with { BytesPerSender = 11 }));
        Assert.Equal(Refused(MailboxQuota.ForGuests, 2), Append(reopened, "bob", "carl", "x", Roomy with { ForGuests = 2 }));
        Assert.Equal(Refused(MailboxQuota.BytesForGuests, 10), Append(reopened, "bob", "carl", "xy", Roomy with { BytesForGuests = 10 }));
        Assert.Equal(5L, Append(reopened, "bob", "carl", "x", Roomy with { BytesForGuests = 10 }).Message?.Id);
    }

    [Fact]
    public void A_version_1_file_is_migrated_keeping_its_mailboxes_counted_as_guests_and_takes_accounts()
    {
        Directory.CreateDirectory(_folder.DataFolder);
        SqliteFile.Execute(_folder.DatabaseFile, $"""
            {SqliteMigrations.Steps[0]}
            PRAGMA application_id = {SqliteSchema.ApplicationId};
            PRAGMA user_version = 1;
            INSERT INTO messages (sender, recipient, sender_key, recipient_key, conversation, text, sent_at, stored) VALUES
                ('John', 'Mary', 'john', 'mary', 'john mary', 'héllo', {Noon.UtcTicks}, 1),
                ('john', 'mary', 'john', 'mary', 'john mary', 'wait', {Noon.UtcTicks}, 1),
                ('pete', 'sue', 'pete', 'sue', 'pete sue', 'hi', {Noon.UtcTicks}, 1);
            INSERT INTO mailbox (nick_key, message_id) VALUES ('mary', 1), ('mary', 2), ('sue', 3);
            """);

        using var store = Open();

        Assert.Equal((long)SqliteMigrations.Latest, SqliteFile.Scalar(_folder.DatabaseFile, "PRAGMA user_version;"));
        Assert.Equal(3, store.LastId);
        Assert.Equal(["héllo", "wait"], store.Waiting("mary", 10).Select(message => message.Text));

        // john's two are 10 bytes of UTF-8 (é is 2), everything waiting 12, all of it a guest's.
        Assert.Equal(Refused(MailboxQuota.PerSender, 2), Append(store, "JOHN", "bob", "x", Roomy with { PerSender = 2 }));
        Assert.Equal(Refused(MailboxQuota.BytesPerSender, 10), Append(store, "john", "bob", "x", Roomy with { BytesPerSender = 10 }));
        Assert.Equal(Refused(MailboxQuota.BytesForGuests, 13), Append(store, "ann", "bob", "xy", Roomy with { BytesForGuests = 13 }));
        Assert.Equal(4L, Append(store, "ann", "bob", "x", Roomy with { BytesForGuests = 13 }).Message?.Id);

        store.RemoveWaiting("mary", throughId: 2);
        Assert.Equal(5L, Append(store, "john", "bob", "x", Roomy with { PerSender = 1, BytesPerSender = 1 }).Message?.Id);
        Assert.True(store.Accounts.AddAccount(new StoredAccount("mary", "hash", "stamp", Noon)));
    }

    public void Dispose() => _folder.Dispose();

    private static Appended Refused(MailboxQuota quota, long limit) => Appended.Refused(new MailboxRefusal(quota, limit));

    private static Appended Append(SqliteMessageStore store, string from, string to, string text, MailboxQuotas quotas) =>
        Assert.Single(store.Append([new MessageDraft(from, to, text, Noon, ForMailbox: true)], quotas));

    private SqliteMessageStore Open()
    {
        var store = new SqliteMessageStore(_folder.DataFolder, NullLogger<SqliteMessageStore>.Instance);
        store.Open();
        return store;
    }
}
