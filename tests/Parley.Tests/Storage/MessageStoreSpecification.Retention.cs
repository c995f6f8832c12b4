namespace Parley.Tests.Storage;

public abstract partial class MessageStoreSpecification
{
    private static readonly DateTimeOffset Ancient = DateTimeOffset.MinValue;

    [Fact]
    public void Trim_removes_the_messages_sent_before_the_cutoff_and_says_how_many()
    {
        Append(
            Broadcast("john", "two hours ago", Noon.AddHours(-2)),
            Direct("john", "mary", "an hour ago", Noon.AddHours(-1)),
            Broadcast("mary", "sent at the cutoff", Noon.AddMinutes(-30)),
            Broadcast("pete", "now"));

        Assert.Equal(2, Store.Trim(sentBefore: Noon.AddMinutes(-30), keepPerConversation: 100));

        Assert.Equal(["sent at the cutoff", "now"], Texts(Store.ReadFor("john", after: 0, limit: 10)));
    }

    [Fact]
    public void Trim_keeps_the_newest_messages_of_each_conversation()
    {
        Append(
            Broadcast("john", "room 1"),
            Direct("john", "mary", "pair 1"),
            Broadcast("mary", "room 2"),
            Direct("mary", "john", "pair 2"),
            Direct("pete", "sue", "other pair 1"),
            Broadcast("sue", "room 3"),
            Direct("John", "Mary", "pair 3"));

        Assert.Equal(2, Store.Trim(sentBefore: Ancient, keepPerConversation: 2));

        Assert.Equal(["room 3", "room 2"], Texts(Store.History("pete", "all", before: long.MaxValue, limit: 10)));
        Assert.Equal(["pair 3", "pair 2"], Texts(Store.History("john", "mary", before: long.MaxValue, limit: 10)));
        Assert.Equal(["other pair 1"], Texts(Store.History("sue", "pete", before: long.MaxValue, limit: 10)));
    }

    [Fact]
    public void Trim_with_nothing_to_remove_removes_nothing()
    {
        var stored = Append(Broadcast("john", "one"), Direct("john", "mary", "two"));

        Assert.Equal(0, Store.Trim(sentBefore: Noon, keepPerConversation: 2));

        Assert.Equal(stored, Store.ReadFor("john", after: 0, limit: 10));
        Assert.Equal(0, Store.RemovedThrough("john"));
    }

    [Fact]
    public void RemovedThrough_is_the_highest_id_trimmed_from_any_conversation_of_the_nick()
    {
        Append(
            Direct("john", "mary", "1"),
            Direct("mary", "john", "2"),
            Broadcast("pete", "3"),
            Direct("pete", "sue", "4"),
            Direct("John", "Mary", "5"));
        Store.Trim(sentBefore: Ancient, keepPerConversation: 1);

        Assert.Equal(2, Store.RemovedThrough("mary"));
        Assert.Equal(2, Store.RemovedThrough("JOHN"));
        Assert.Equal(0, Store.RemovedThrough("pete"));
        Assert.Equal(0, Store.RemovedThrough("sue"));

        Append(Broadcast("sue", "6"));
        Store.Trim(sentBefore: Ancient, keepPerConversation: 1);

        Assert.Equal(3, Store.RemovedThrough("pete")); // the room is everyone's conversation
        Assert.Equal(3, Store.RemovedThrough("sue"));
        Assert.Equal(3, Store.RemovedThrough("john"));
    }

    [Fact]
    public void RemovedThrough_never_goes_back_when_a_later_trim_removes_a_lower_id()
    {
        Append(
            Direct("john", "mary", "1"),
            Direct("john", "mary", "2, stamped by a clock set back", Noon.AddHours(-2)),
            Direct("john", "mary", "3"));
        Store.Trim(sentBefore: Noon.AddHours(-1), keepPerConversation: 100);
        Assert.Equal(2, Store.RemovedThrough("john"));

        Store.Trim(sentBefore: Ancient, keepPerConversation: 1);

        Assert.Equal(["3"], Texts(Store.ReadFor("john", after: 0, limit: 10)));
        Assert.Equal(2, Store.RemovedThrough("john"));
    }

    [Fact]
    public void Trim_takes_removed_messages_out_of_the_mailbox_which_then_has_room_again()
    {
        Store.Append([ForMailbox("john", "mary", "old", Noon.AddHours(-2)), ForMailbox("john", "mary", "new")], PerRecipient(2));

        Assert.Equal(1, Store.Trim(sentBefore: Noon.AddHours(-1), keepPerConversation: 100));

        Assert.Equal(["new"], Texts(Store.Waiting("mary", limit: 10)));
        Assert.NotNull(Assert.Single(Store.Append([ForMailbox("pete", "mary", "fits again")], PerRecipient(2))).Message);
    }

    [Fact]
    public void Ids_continue_after_trim_removed_every_message()
    {
        Append(Broadcast("john", "1"), Broadcast("john", "2"), Direct("john", "mary", "3"));

        Assert.Equal(3, Store.Trim(sentBefore: DateTimeOffset.MaxValue, keepPerConversation: 100));

        Assert.Equal(3, Store.LastId);
        Assert.Empty(Store.ReadFor("john", after: 0, limit: 10));
        Assert.Equal([4L], Ids(Append(Broadcast("john", "after the trim"))));
    }

    [Fact]
    public void A_conversation_written_after_a_sweep_is_trimmed_at_the_next_one()
    {
        Append(Direct("john", "mary", "1"), Broadcast("pete", "a"));
        Store.Trim(sentBefore: Ancient, keepPerConversation: 2);
        var later = Append(Direct("mary", "john", "2"), Direct("john", "mary", "3"));

        Store.Trim(sentBefore: Ancient, keepPerConversation: 2);

        Assert.Equal(later, Store.History("john", "mary", long.MaxValue, 10).Reverse());
        Assert.Equal(["a"], Texts(Store.History("pete", "all", long.MaxValue, 10)));
    }
}
