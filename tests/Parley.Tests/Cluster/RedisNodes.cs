using Parley.Tests.Hosting;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Cluster;

/// <summary>Nodes of one chat on a real redis-server that the test starts: in this process, or as processes it can kill.</summary>
internal static class RedisNodes
{
    /// <summary>The settings that make a node one of a chat on <paramref name="redis"/>, under a prefix of this test's own.</summary>
    public static Dictionary<string, string?> Settings(RedisServer redis, string prefix, TimeSpan? nodeTimeout = null) => new()
    {
        ["Parley:Store:Kind"] = "redis",
        ["Parley:Redis:Configuration"] = redis.Endpoint,
        ["Parley:Redis:KeyPrefix"] = prefix,
        ["Parley:Redis:NodeTimeout"] = (nodeTimeout ?? TimeSpan.FromSeconds(15)).ToString(),
    };

    public static string NewPrefix() => $"t{Guid.NewGuid():N}:";

    /// <summary><paramref name="count"/> nodes in this process on <paramref name="redis"/>.</summary>
    public static async Task<IReadOnlyList<ParleyServer>> StartAsync(RedisServer redis, int count, IDictionary<string, string?>? settings = null, string? prefix = null)
    {
        var all = Settings(redis, prefix ?? NewPrefix());
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var nodes = new List<ParleyServer>();
        for (var i = 0; i < count; i++)
        {
            nodes.Add(await ParleyServer.StartAsync(all));
        }

        return nodes;
    }

    /// <summary>A node as its own process on <paramref name="redis"/>, on a free port, for a test that kills it.</summary>
    public static Task<ServerProcess> StartProcessAsync(RedisServer redis, string prefix, TimeSpan nodeTimeout) => ServerProcess.StartAsync(
        "--urls", "http://127.0.0.1:0", "--store", "redis", "--redis", redis.Endpoint, $"--Parley:Redis:KeyPrefix={prefix}", $"--Parley:Redis:NodeTimeout={nodeTimeout}");
}
