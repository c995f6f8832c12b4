using Parley.Chat;

namespace Parley.Tests.Storage;

public abstract partial class MessageStoreSpecification
{
    [Fact]
    public void A_deleted_message_is_returned_and_gone_from_history_and_from_catch_up()
    {
        var stored = Append(Broadcast("john", "one"), Broadcast("john", "spam"), Broadcast("mary", "three"));

        Assert.Equal(stored[1], Store.Delete(stored[1].Id));

        Assert.Equal(["three", "one"], Texts(Store.History("pete", Nick.All, before: long.MaxValue, limit: 10)));
        Assert.Equal(["one", "three"], Texts(Store.ReadFor("pete", after: 0, limit: 10)));
    }

    [Fact]
    public void A_deleted_direct_message_leaves_the_conversation_and_the_mailbox()
    {
        var stored = Append(ForMailbox("john", "mary", "keep"), ForMailbox("john", "mary", "spam"), Direct("john", "mary", "live"));

        Store.Delete(stored[1].Id);

        Assert.Equal([stored[0]], Store.Waiting("mary", limit: 10));
        Assert.Equal(["live", "keep"], Texts(Store.History("mary", "john", before: long.MaxValue, limit: 10)));
        Assert.Equal(["keep", "live"], Texts(Store.ReadFor("john", after: 0, limit: 10)));
    }

    [Fact]
    public void A_deleted_mailbox_message_no_longer_counts_against_the_quota()
    {
        var stored = Append(ForMailbox("john", "mary", "spam"));

        Store.Delete(stored[0].Id);

        Assert.Equal([stored[0].Id + 1], IdsOrRefused(Store.Append([ForMailbox("john", "mary", "next")], PerRecipient(1))));
    }

    [Fact]
    public void Deleting_an_unknown_or_deleted_id_returns_null()
    {
        var stored = Append(Broadcast("john", "one"));

        Assert.Null(Store.Delete(stored[0].Id + 1));
        Assert.NotNull(Store.Delete(stored[0].Id));
        Assert.Null(Store.Delete(stored[0].Id));
    }

    [Fact]
    public void A_deletion_is_no_gap_for_retention_and_its_id_is_never_given_again()
    {
        var stored = Append(Broadcast("john", "one"), Broadcast("john", "two"));

        Store.Delete(stored[1].Id);

        Assert.Equal(0, Store.RemovedThrough("pete"));
        Assert.Equal(stored[1].Id, Store.LastId);
        Assert.Equal(stored[1].Id + 1, Append(Broadcast("john", "three"))[0].Id);
    }
}
