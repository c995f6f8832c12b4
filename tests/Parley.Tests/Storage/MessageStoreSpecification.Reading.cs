using Parley.Chat;

namespace Parley.Tests.Storage;

public abstract partial class MessageStoreSpecification
{
    [Fact]
    public void ReadFor_gives_the_broadcasts_and_the_nicks_own_direct_messages_oldest_first()
    {
        Append(
            Broadcast("pete", "room 1"),
            Direct("john", "mary", "john to mary"),
            Direct("pete", "sue", "not john's"),
            Direct("mary", "john", "mary to john"),
            ForMailbox("sue", "john", "sue to john, waiting"),
            Broadcast("john", "room 2"));

        Assert.Equal(
            ["room 1", "john to mary", "mary to john", "sue to john, waiting", "room 2"],
            Texts(Store.ReadFor("john", after: 0, limit: 10)));
    }

    [Fact]
    public void ReadFor_starts_after_the_given_id()
    {
        Append(Broadcast("john", "1"), Broadcast("john", "2"), Broadcast("john", "3"), Broadcast("john", "4"));

        Assert.Equal([3L, 4L], Ids(Store.ReadFor("mary", after: 2, limit: 10)));
        Assert.Empty(Store.ReadFor("mary", after: 4, limit: 10));
    }

    [Fact]
    public void ReadFor_gives_the_oldest_messages_up_to_the_limit_skipping_other_peoples()
    {
        Append(
            Direct("john", "mary", "1"),
            Direct("pete", "sue", "2"),
            Broadcast("sue", "3"),
            Direct("pete", "sue", "4"),
            Direct("mary", "john", "5"),
            Broadcast("pete", "6"));

        Assert.Equal([1L, 3L], Ids(Store.ReadFor("john", after: 0, limit: 2)));
        Assert.Equal([5L, 6L], Ids(Store.ReadFor("john", after: 3, limit: 2)));
        Assert.Empty(Store.ReadFor("john", after: 0, limit: 0));
    }

    [Fact]
    public void ReadFor_matches_the_nick_in_any_letter_case()
    {
        var stored = Append(Direct("John", "MARY", "hi"), Direct("mary", "JOHN", "hello"));

        Assert.Equal(stored, Store.ReadFor("jOhN", after: 0, limit: 10));
        Assert.Equal(stored, Store.ReadFor("Mary", after: 0, limit: 10));
    }

    [Fact]
    public void Room_history_is_the_broadcasts_newest_first()
    {
        Append(Broadcast("john", "one"), Direct("john", "mary", "direct"), Broadcast("mary", "two"), Broadcast("pete", "three"));

        Assert.Equal(["three", "two", "one"], Texts(Store.History("sue", Nick.All, before: long.MaxValue, limit: 10)));
        Assert.Equal(["three", "two", "one"], Texts(Store.History("sue", "ALL", before: long.MaxValue, limit: 10)));
    }

    [Fact]
    public void Direct_history_is_both_directions_of_one_pair_newest_first()
    {
        Append(
            Direct("john", "mary", "a"),
            Direct("Mary", "John", "b"),
            Direct("john", "pete", "john and pete"),
            Direct("pete", "mary", "pete and mary"),
            Broadcast("john", "room"),
            ForMailbox("JOHN", "mary", "c"));

        Assert.Equal(["c", "b", "a"], Texts(Store.History("john", "mary", before: long.MaxValue, limit: 10)));
        Assert.Equal(["c", "b", "a"], Texts(Store.History("MARY", "john", before: long.MaxValue, limit: 10)));
    }

    [Fact]
    public void History_pages_back_with_before_and_limit()
    {
        Append(Broadcast("john", "1"), Broadcast("john", "2"), Broadcast("john", "3"), Broadcast("john", "4"), Broadcast("john", "5"));

        Assert.Equal([5L, 4L], Ids(Store.History("mary", Nick.All, before: long.MaxValue, limit: 2)));
        Assert.Equal([3L, 2L], Ids(Store.History("mary", Nick.All, before: 4, limit: 2)));
        Assert.Equal([1L], Ids(Store.History("mary", Nick.All, before: 2, limit: 2)));
        Assert.Empty(Store.History("mary", Nick.All, before: 1, limit: 2));
    }

    [Fact]
    public void History_without_another_side_is_everything_the_nick_was_part_of_newest_first()
    {
        var stored = Append(
            Direct("mary", "john", "to john"),
            Broadcast("mary", "to all"),
            Direct("mary", "pete", "not johns"),
            Direct("JOHN", "pete", "from john"),
            Broadcast("pete", "to all again"));

        Assert.Equal([stored[4], stored[3], stored[1], stored[0]], Store.History("john", other: null, before: long.MaxValue, limit: 10));
        Assert.Equal([stored[3], stored[1]], Store.History("john", other: null, before: stored[4].Id, limit: 2));
    }
}
