using Parley.Storage;

namespace Parley.Tests.Storage;

/// <summary>The offline quotas beside the per-recipient one: per sender and for guests, in messages and in UTF-8 bytes.</summary>
public abstract partial class MessageStoreSpecification
{
    /// <summary>A message for an offline nick that is registered: it counts against no guest quota.</summary>
    protected static MessageDraft ForRegistered(string from, string to, string text, DateTimeOffset? sentAt = null) =>
        new(from, to, text, sentAt ?? Noon, ForMailbox: true, RecipientRegistered: true);

    protected static Appended Refused(MailboxQuota quota, long limit) => Appended.Refused(new MailboxRefusal(quota, limit));

    [Fact]
    public void A_sender_with_its_quota_of_messages_waiting_is_refused_for_any_recipient_and_other_senders_are_not()
    {
        var quotas = Roomy with { PerSender = 2 };

        var stored = Store.Append(
            [ForMailbox("john", "mary", "one"), ForRegistered("John", "sue", "two"), ForMailbox("JOHN", "ann", "three"), ForMailbox("pete", "ann", "four")],
            quotas);

        Assert.Equal([1L, 2L, null, 3L], IdsOrRefused(stored));
        Assert.Equal(Refused(MailboxQuota.PerSender, 2), stored[2]);
        Assert.Equal(["four"], Texts(Store.Waiting("ann", limit: 10)));
    }

    [Fact]
    public void A_sender_is_refused_a_message_that_would_take_its_waiting_utf8_bytes_past_the_quota()
    {
        var quotas = Roomy with { BytesPerSender = 10 };

        // "héllo" is 6 bytes in UTF-8: with "wxyz" exactly the 10 allowed.
        var stored = Store.Append([ForMailbox("john", "mary", "héllo"), ForRegistered("john", "sue", "wxyz"), ForMailbox("john", "ann", "!")], quotas);

        Assert.Equal([1L, 2L, null], IdsOrRefused(stored));
        Assert.Equal(Refused(MailboxQuota.BytesPerSender, 10), stored[2]);
    }

    [Fact]
    public void Broadcasts_and_messages_delivered_live_count_against_no_quota()
    {
        var quotas = new MailboxQuotas(PerRecipient: 1, PerSender: 1, BytesPerSender: 1, ForGuests: 1, BytesForGuests: 1);

        var stored = Store.Append([Broadcast("john", "hello everyone"), Direct("john", "mary", "hello mary"), ForMailbox("john", "sue", "x")], quotas);

        Assert.Equal([1L, 2L, 3L], IdsOrRefused(stored));
    }

    [Fact]
    public void A_refused_draft_counts_for_nothing_and_a_smaller_one_after_it_still_fits()
    {
        var quotas = Roomy with { BytesPerSender = 5 };

        var stored = Store.Append([ForMailbox("john", "mary", "abcd"), ForMailbox("john", "sue", "xyz"), ForMailbox("john", "ann", "e")], quotas);

        Assert.Equal([1L, null, 2L], IdsOrRefused(stored));
    }

    [Fact]
    public void Nicks_nobody_registered_are_refused_together_past_the_guests_quota_and_registered_nicks_are_not()
    {
        var quotas = Roomy with { ForGuests = 2 };

        var stored = Store.Append(
            [ForMailbox("john", "mary", "one"), ForMailbox("pete", "sue", "two"), ForMailbox("ann", "bob", "three"), ForRegistered("ann", "carl", "four")],
            quotas);

        Assert.Equal([1L, 2L, null, 3L], IdsOrRefused(stored));
        Assert.Equal(Refused(MailboxQuota.ForGuests, 2), stored[2]);
    }

    [Fact]
    public void Nicks_nobody_registered_are_refused_a_message_that_would_take_their_waiting_bytes_past_the_guests_quota()
    {
        var quotas = Roomy with { BytesForGuests = 5 };

        var stored = Store.Append(
            [ForMailbox("john", "mary", "abc"), ForMailbox("pete", "sue", "de"), ForMailbox("ann", "bob", "f"), ForRegistered("ann", "carl", "longer")],
            quotas);

        Assert.Equal([1L, 2L, null, 3L], IdsOrRefused(stored));
        Assert.Equal(Refused(MailboxQuota.BytesForGuests, 5), stored[2]);
    }

    [Fact]
    public void Delivering_waiting_messages_gives_their_room_back_to_the_sender_and_to_the_guests()
    {
        var quotas = Roomy with { PerSender = 1, ForGuests = 1 };
        Store.Append([ForMailbox("john", "mary", "one")], quotas);
        Assert.Equal(
            [Refused(MailboxQuota.PerSender, 1), Refused(MailboxQuota.ForGuests, 1)],
            Store.Append([ForMailbox("john", "sue", "two"), ForMailbox("pete", "sue", "three")], quotas));

        Store.RemoveWaiting("MARY", throughId: 1);

        Assert.Equal([2L, null], IdsOrRefused(Store.Append([ForMailbox("john", "sue", "two"), ForMailbox("pete", "sue", "three")], quotas)));
    }

    [Fact]
    public void Retention_gives_the_room_of_the_waiting_messages_it_removes_back()
    {
        var quotas = Roomy with { PerSender = 1, BytesForGuests = 3 };
        Store.Append([ForMailbox("john", "mary", "old", Noon.AddHours(-2))], quotas);

        Store.Trim(sentBefore: Noon.AddHours(-1), keepPerConversation: 100);

        Assert.Equal([2L], IdsOrRefused(Store.Append([ForMailbox("john", "sue", "new")], quotas)));
    }

    [Fact]
    public void A_message_kept_waiting_after_all_counts_once_past_every_quota_and_later_drafts_are_refused()
    {
        var quotas = Roomy with { PerSender = 1, ForGuests = 1 };
        var live = Append(Direct("john", "mary", "just missed"), Direct("john", "sue", "missed too"));

        Store.KeepWaiting("mary", live[0].Id);
        Store.KeepWaiting("mary", live[0].Id);
        Store.KeepWaiting("sue", live[1].Id);

        Assert.Equal(2, Store.Waiting("mary", 10).Count + Store.Waiting("sue", 10).Count);
        Assert.Equal(
            [Refused(MailboxQuota.PerSender, 1), Refused(MailboxQuota.ForGuests, 1)],
            Store.Append([ForMailbox("john", "ann", "one"), ForMailbox("pete", "ann", "two")], quotas));

        Store.RemoveWaiting("mary", throughId: live[0].Id);
        Store.RemoveWaiting("sue", throughId: live[1].Id);

        Assert.Equal([3L, null], IdsOrRefused(Store.Append([ForMailbox("john", "ann", "one"), ForMailbox("pete", "ann", "two")], quotas)));
    }

    [Fact]
    public void A_message_kept_waiting_for_a_registered_nick_counts_against_no_guest_quota()
    {
        var quotas = Roomy with { ForGuests = 1 };
        var live = Append(Direct("john", "mary", "just missed"));

        Store.KeepWaiting("mary", live[0].Id, recipientRegistered: true);

        Assert.Equal([2L], IdsOrRefused(Store.Append([ForMailbox("pete", "ann", "fits")], quotas)));
    }

    [Fact]
    public void A_guests_message_stays_a_guests_until_delivered_even_once_the_nick_is_registered()
    {
        var quotas = Roomy with { ForGuests = 1 };
        Store.Append([ForMailbox("john", "mary", "while a guest"), ForRegistered("pete", "mary", "once registered")], quotas);
        Assert.Equal([Refused(MailboxQuota.ForGuests, 1)], Store.Append([ForMailbox("ann", "sue", "refused")], quotas));

        Store.RemoveWaiting("mary", throughId: 2);

        // The guests' count went back to 0, not below: one guest message fits again, and only one.
        Assert.Equal([3L, null], IdsOrRefused(Store.Append([ForMailbox("ann", "sue", "one"), ForMailbox("ann", "bob", "two")], quotas)));
    }
}
