using Microsoft.Extensions.Logging.Abstractions;
using Parley.Redis;
using Parley.Storage;
using Parley.Storage.Redis;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Storage;

/// <summary>The account specification on a real redis-server, under a key prefix of its own per test.</summary>
public sealed class RedisAccountStoreTests(RedisServerFixture redis) : AccountStoreSpecification, IClassFixture<RedisServerFixture>
{
    private RedisConnection? _connection;

    protected override IMessageStore CreateStore() => new RedisMessageStore(_connection = redis.Connect(), NullLogger<RedisMessageStore>.Instance);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _connection?.Dispose();
        }
    }
}
