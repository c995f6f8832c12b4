using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Parley.Redis;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// One redis-server for a test class; each test keeps to keys under a prefix of its own, so tests never see each
/// other's data. Without redis-server installed, the tests skip when they ask for it (fail under CI).
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private RedisServer? _server;

    public RedisServer Server => _server ?? throw new InvalidOperationException(RedisServer.RequireExecutable() + " did not start");

    /// <summary>A new connection to <see cref="Server"/> under a prefix nobody else uses; the caller disposes it.</summary>
    public RedisConnection Connect() => Connect(Server.Endpoint);

    public static RedisConnection Connect(string endpoint) => new(
        Options.Create(new RedisOptions { Configuration = endpoint, KeyPrefix = $"test-{Guid.NewGuid():N}:" }),
        NullLogger<RedisConnection>.Instance);

    public async ValueTask InitializeAsync()
    {
        if (RedisServer.Executable is not null)
        {
            _server = await RedisServer.StartAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
