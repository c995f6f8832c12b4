using Parley.Storage;

namespace Parley.Tests.Storage;

public abstract partial class MessageStoreSpecification
{
    [Fact]
    public void A_message_for_an_offline_nick_waits_in_its_mailbox_marked_stored()
    {
        var stored = Append(ForMailbox("john", "mary", "are you there?"), Direct("john", "pete", "hi pete"));

        Assert.Equal([true, false], stored.Select(message => message.Stored));
        Assert.Equal([stored[0]], Store.Waiting("mary", limit: 10));
        Assert.Empty(Store.Waiting("pete", limit: 10));
        Assert.Empty(Store.Waiting("john", limit: 10));
    }

    [Fact]
    public void A_message_kept_waiting_after_all_joins_the_mailbox_in_id_order_once()
    {
        var stored = Append(ForMailbox("john", "mary", "one"), Direct("pete", "mary", "two"), ForMailbox("john", "mary", "three"));

        Store.KeepWaiting("MARY", stored[1].Id);
        Store.KeepWaiting("mary", stored[1].Id);

        Assert.Equal(stored, Store.Waiting("mary", limit: 10));
    }

    [Fact]
    public void Keeping_waiting_a_message_retention_removed_keeps_nothing()
    {
        var stored = Append(Direct("pete", "mary", "old", Noon), Direct("pete", "mary", "new", Noon.AddHours(2)));
        Store.Trim(sentBefore: Noon.AddHours(1), keepPerConversation: 100);

        Store.KeepWaiting("mary", stored[0].Id);

        Assert.Empty(Store.Waiting("mary", limit: 10));
    }

    [Fact]
    public void Waiting_is_oldest_first_and_at_most_the_limit_whatever_the_letter_case()
    {
        var stored = Append(ForMailbox("john", "Mary", "one"), ForMailbox("pete", "MARY", "two"), ForMailbox("john", "mary", "three"));

        Assert.Equal(stored.Take(2), Store.Waiting("mAry", limit: 2));
    }

    [Fact]
    public void Removing_waiting_messages_takes_those_up_to_the_id_and_keeps_the_messages()
    {
        var stored = Append(ForMailbox("john", "mary", "one"), ForMailbox("john", "mary", "two"), ForMailbox("pete", "mary", "three"));

        Store.RemoveWaiting("MARY", throughId: stored[1].Id);

        Assert.Equal([stored[2]], Store.Waiting("mary", limit: 10));
        Assert.Equal(stored, Store.ReadFor("mary", after: 0, limit: 10));
    }

    [Fact]
    public void A_full_mailbox_refuses_only_the_draft_over_the_limit_and_the_others_take_the_next_ids()
    {
        var stored = Store.Append(
            [
                ForMailbox("john", "mary", "one"),
                ForMailbox("pete", "Mary", "two"),
                ForMailbox("john", "mary", "three"), // two are waiting already
                Broadcast("john", "four"),
                ForMailbox("john", "sue", "five"),
            ],
            PerRecipient(2));

        Assert.Equal([1L, 2L, null, 3L, 4L], IdsOrRefused(stored));
        Assert.Equal(new MailboxRefusal(MailboxQuota.PerRecipient, 2), stored[2].Refusal);
        Assert.Equal(["one", "two"], Texts(Store.Waiting("mary", limit: 10)));
        Assert.Equal(["one", "two", "four"], Texts(Store.ReadFor("mary", after: 0, limit: 10)));
        Assert.Equal(4, Store.LastId);
    }

    [Fact]
    public void A_full_mailbox_takes_messages_again_once_waiting_ones_are_delivered()
    {
        Store.Append([ForMailbox("john", "mary", "one"), ForMailbox("john", "mary", "two")], PerRecipient(2));
        Assert.Equal([null], IdsOrRefused(Store.Append([ForMailbox("john", "mary", "refused")], PerRecipient(2))));

        Store.RemoveWaiting("mary", throughId: 1);
        var accepted = Assert.Single(Store.Append([ForMailbox("john", "mary", "three")], PerRecipient(2)));

        Assert.Equal(3, accepted.Message?.Id);
        Assert.Equal(["two", "three"], Texts(Store.Waiting("mary", limit: 10)));
    }

    [Fact]
    public void A_mailbox_limit_of_0_refuses_every_message_for_the_mailbox_and_no_other()
    {
        var stored = Store.Append([ForMailbox("john", "mary", "waits"), Direct("john", "pete", "delivered live")], PerRecipient(0));

        Assert.Equal([null, 1L], IdsOrRefused(stored));
        Assert.Empty(Store.Waiting("mary", limit: 10));
    }
}
