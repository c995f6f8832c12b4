using Parley.Chat;

namespace Parley.Tests.Storage;

public abstract partial class MessageStoreSpecification
{
    [Fact]
    public void A_new_store_has_given_no_id_yet() => Assert.Equal(0, Store.LastId);

    [Fact]
    public void Ids_start_at_1_and_increase_in_commit_order()
    {
        var first = Append(Broadcast("john", "one"), Broadcast("mary", "two"));
        var second = Append(Broadcast("pete", "three"));

        Assert.Equal([1L, 2L], Ids(first));
        Assert.Equal([3L], Ids(second));
        Assert.Equal(3, Store.LastId);
    }

    [Fact]
    public void A_batch_is_stored_in_its_order_and_each_message_comes_back_as_stored()
    {
        var stored = Append(Broadcast("john", "first"), Direct("mary", "john", "second"), Broadcast("pete", "third"));

        ChatMessage[] expected =
        [
            new(1, "john", "all", "first", Noon),
            new(2, "mary", "john", "second", Noon),
            new(3, "pete", "all", "third", Noon),
        ];
        Assert.Equal(expected, stored);
        Assert.Equal(expected, Store.ReadFor("john", after: 0, limit: 10));
    }

    [Fact]
    public void A_broadcast_is_stored_once_and_every_nick_reads_it()
    {
        var hello = Assert.Single(Append(Broadcast("john", "hello everyone")));

        Assert.Equal(1, Store.LastId);
        Assert.Equal([hello], Store.ReadFor("john", after: 0, limit: 10));
        Assert.Equal([hello], Store.ReadFor("mary", after: 0, limit: 10));
        Assert.Equal([hello], Store.ReadFor("someone-new", after: 0, limit: 10));
    }

    [Fact]
    public void Nicks_and_text_come_back_as_written()
    {
        const string text = "Ünïcödé, \"quotes\", 'apostrophes', a tab\tand\na new line 🎉";
        Append(Direct("John.Doe", "MARY_2", text));

        var read = Assert.Single(Store.ReadFor("mary_2", after: 0, limit: 10));
        Assert.Equal(("John.Doe", "MARY_2", text), (read.From, read.To, read.Text));
    }

    [Fact]
    public void The_send_time_comes_back_as_the_same_instant_to_the_tick()
    {
        var sentAt = new DateTimeOffset(2026, 11, 25, 14, 5, 7, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        Append(Broadcast("john", "when?", sentAt));

        var read = Assert.Single(Store.ReadFor("john", after: 0, limit: 10));
        Assert.Equal(sentAt.UtcTicks, read.SentAt.UtcTicks);
    }
}
