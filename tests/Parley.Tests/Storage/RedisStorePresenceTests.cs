using Microsoft.Extensions.Logging.Abstractions;
using Parley.Chat;
using Parley.Redis;
using Parley.Storage;
using Parley.Storage.Redis;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Storage;

/// <summary>
/// What the Redis store decides from the nodes' shared stream counts, which a node's own view may not have caught up
/// with: a nick with a stream on some node gets its messages live, never only in its mailbox.
/// </summary>
public sealed class RedisStorePresenceTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IDisposable
{
    private static readonly MailboxQuotas Roomy = new(100, 100, 1_000_000, 100, 1_000_000);
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly RedisConnection _connection = redis.Connect();

    [Fact]
    public void A_draft_for_the_mailbox_of_a_nick_with_a_stream_on_some_node_is_stored_live_instead()
    {
        using var store = Open();
        _connection.Database.HashSet(_connection.Keys.StreamCounts, "john", 1);

        var appended = store.Append([new MessageDraft("mary", "john", "psst", Noon, ForMailbox: true)], Roomy);

        Assert.False(appended[0].Message!.Stored);
        Assert.Empty(store.Waiting("john", 10));
    }

    [Fact]
    public void A_draft_for_the_mailbox_of_a_nick_with_no_stream_anywhere_waits()
    {
        using var store = Open();

        var appended = store.Append([new MessageDraft("mary", "john", "psst", Noon, ForMailbox: true)], Roomy);

        Assert.True(appended[0].Message!.Stored);
        Assert.Equal(["psst"], store.Waiting("john", 10).Select(message => message.Text));
    }

    public void Dispose() => _connection.Dispose();

    private RedisMessageStore Open()
    {
        var store = new RedisMessageStore(_connection, NullLogger<RedisMessageStore>.Instance);
        store.Open();
        return store;
    }
}
