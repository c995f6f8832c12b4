using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Chat;
using Parley.Redis;
using Parley.Storage;
using Parley.Storage.Redis;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Storage;

/// <summary>
/// What only the Redis store does: publish its commits, keep one log for the nodes, live through Redis restarts, and
/// send live what another node meant for the mailbox of a nick that has a stream on some node by now.
/// </summary>
public sealed class RedisStoreTests
{
    private static readonly MailboxQuotas Roomy = new(100, 100, 1_000_000, 100, 1_000_000);
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_commit_publishes_its_batch_once_in_id_order_with_every_text_as_it_was_sent()
    {
        await using var redis = await RedisServer.StartAsync();
        using var connection = RedisServerFixture.Connect(redis.Endpoint);
        using var store = Open(connection);
        var queue = await connection.Multiplexer.GetSubscriber().SubscribeAsync(connection.Keys.Messages);
        await Task.Yield();
        const string Awkward = "quotes \" and \\ back/slash, a\nnew line, ünïcödé ✓ and 😀";
        var long4000 = new string('x', 4_000);

        var stored = store.Append(
            [new MessageDraft("mary", Nick.All, Awkward, Noon, ForMailbox: false), new MessageDraft("john", "mary", long4000, Noon, ForMailbox: false)],
            Roomy);
        var published = RedisCommitPayload.Parse((await queue.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken)).Message);

        Assert.Equal(stored.Select(appended => appended.Message), published);
        Assert.Equal([Awkward, long4000], published.Select(message => message.Text));
        Assert.Equal([1L, 2L], published.Select(message => message.Id));
    }

    [Fact]
    public async Task The_log_reads_every_message_after_an_id_in_order()
    {
        await using var redis = await RedisServer.StartAsync();
        using var connection = RedisServerFixture.Connect(redis.Endpoint);
        using var store = Open(connection);
        store.Append([Broadcast("one"), new MessageDraft("mary", "john", "two", Noon, ForMailbox: true), Broadcast("three")], Roomy);

        Assert.Equal(["two", "three"], store.ReadLog(1, 10).Select(message => message.Text));
        Assert.Equal(["two"], store.ReadLog(1, 1).Select(message => message.Text));
        Assert.Empty(store.ReadLog(3, 10));
    }

    [Fact]
    public async Task Ids_never_go_back_after_redis_lost_its_data_and_a_node_raised_the_counter_again()
    {
        await using var redis = await RedisServer.StartAsync();
        using var connection = RedisServerFixture.Connect($"{redis.Endpoint},allowAdmin=true");
        using var store = Open(connection);
        store.Append([Broadcast("one"), Broadcast("two")], Roomy);

        await connection.Multiplexer.GetServer(redis.Endpoint).FlushAllDatabasesAsync();
        await Task.Yield();
        store.EnsureIdsAbove(2);

        Assert.Equal(3, store.Append([Broadcast("three")], Roomy)[0].Message!.Id);
    }

    [Fact]
    public async Task A_commit_after_redis_lost_its_data_takes_ids_above_every_id_this_node_saw()
    {
        await using var redis = await RedisServer.StartAsync();
        using var connection = RedisServerFixture.Connect($"{redis.Endpoint},allowAdmin=true");
        using var store = Open(connection);
        store.Append([Broadcast("one")], Roomy);
        store.Seen(41); // another node's message, delivered here by the feed

        await connection.Multiplexer.GetServer(redis.Endpoint).FlushAllDatabasesAsync();
        await Task.Yield();

        Assert.Equal(42, store.Append([Broadcast("after the loss")], Roomy)[0].Message!.Id);
    }

    [Fact]
    [Trait("Category", "Slow")] // restarts redis-server and waits for the client to reconnect
    public async Task Ids_and_messages_continue_after_redis_restarts_from_its_append_only_file()
    {
        await using var redis = await RedisServer.StartAsync();
        using var connection = RedisServerFixture.Connect(redis.Endpoint);
        using var store = Open(connection);
        store.Append([Broadcast("before")], Roomy);

        await redis.KillAsync();
        await redis.StartAgainAsync();
        await Timeouts.WaitUntilAsync(() => connection.Multiplexer.IsConnected, "the connection comes back");
        await Task.Yield();

        Assert.Equal(2, store.Append([Broadcast("after")], Roomy)[0].Message!.Id);
        Assert.Equal(["before", "after"], store.ReadLog(0, 10).Select(message => message.Text));
    }

    [Fact]
    [Trait("Category", "Slow")] // restarts redis-server and waits for the client to reconnect
    public async Task A_call_while_redis_is_down_fails_at_once_naming_it_and_works_again_once_it_is_back()
    {
        await using var redis = await RedisServer.StartAsync();
        using var connection = RedisServerFixture.Connect(redis.Endpoint);
        using var store = Open(connection);

        await redis.KillAsync();
        await Timeouts.WaitUntilAsync(() => !connection.Multiplexer.IsConnected, "the connection notices");
        var clock = Stopwatch.StartNew();
        var refused = Assert.Throws<StoreUnavailableException>(() => store.Append([Broadcast("lost")], Roomy));
        var took = clock.Elapsed;
        await redis.StartAgainAsync();
        await Timeouts.WaitUntilAsync(() => connection.Multiplexer.IsConnected, "the connection comes back");
        await Task.Yield();

        Assert.Contains($"Redis at {redis.Endpoint}", refused.Message, StringComparison.Ordinal);
        Assert.True(took < TimeSpan.FromSeconds(1), $"refused after {took}");
        Assert.Equal(1, store.Append([Broadcast("kept")], Roomy)[0].Message!.Id);
    }

    [Fact]
    public void Opening_against_a_port_where_nothing_listens_says_redis_is_unreachable()
    {
        var port = ParleyServer.FreeLoopbackUrl().Port;
        using var connection = RedisServerFixture.Connect($"127.0.0.1:{port},connectTimeout=500");
        using var store = new RedisMessageStore(connection, NullLogger<RedisMessageStore>.Instance);

        var refused = Assert.Throws<StoreUnavailableException>(store.Open);

        Assert.Contains($"Redis at 127.0.0.1:{port}", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_for_the_mailbox_of_a_nick_with_a_stream_on_some_node_is_stored_live_instead()
    {
        await using var redis = await RedisServer.StartAsync();
        using var connection = RedisServerFixture.Connect(redis.Endpoint);
        using var store = Open(connection);
        await connection.Database.HashSetAsync(connection.Keys.StreamCounts, "john", 1);
        await Task.Yield();

        var appended = store.Append([new MessageDraft("mary", "john", "psst", Noon, ForMailbox: true)], Roomy);

        Assert.False(appended[0].Message!.Stored);
        Assert.Empty(store.Waiting("john", 10));
    }

    [Fact]
    public async Task A_draft_for_the_mailbox_of_a_nick_with_no_stream_anywhere_waits()
    {
        await using var redis = await RedisServer.StartAsync();
        using var connection = RedisServerFixture.Connect(redis.Endpoint);
        using var store = Open(connection);

        var appended = store.Append([new MessageDraft("mary", "john", "psst", Noon, ForMailbox: true)], Roomy);

        Assert.True(appended[0].Message!.Stored);
        Assert.Equal(["psst"], store.Waiting("john", 10).Select(message => message.Text));
    }

    private static MessageDraft Broadcast(string text) => new("mary", Nick.All, text, Noon, ForMailbox: false);

    private static RedisMessageStore Open(RedisConnection connection)
    {
        var store = new RedisMessageStore(connection, NullLogger<RedisMessageStore>.Instance);
        store.Open();
        return store;
    }
}
