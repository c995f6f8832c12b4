namespace Parley.Bench.Report;

/// <summary>
/// The three setups of the cluster section, by the <c>--server-name</c> bench/run-cluster.sh gives them: one chat on
/// one node with the default durable store, on one node with <c>--store redis</c>, and on two nodes sharing a Redis.
/// </summary>
internal static class ClusterSetups
{
    public const string OneNode = Servers.Parley;
    public const string OneNodeOnRedis = "parley-redis";
    public const string TwoNodesOnRedis = "parley-redis-2nodes";

    /// <summary>The folder under the results folder that holds this section's results, machine and commands.</summary>
    public const string Folder = "cluster";

    public static IReadOnlyList<(string Server, string Display, int Nodes)> All { get; } =
    [
        (OneNode, "1 node, SQLite (as it ships)", 1),
        (OneNodeOnRedis, "1 node on Redis", 1),
        (TwoNodesOnRedis, "2 nodes on Redis", 2),
    ];
}
