using System.Globalization;

namespace Parley.Bench.Report;

/// <summary>
/// What N nodes and a Redis Cluster would carry, worked out from the cluster section's own figures, with the
/// assumptions said. The text lives here so that regenerating BENCHMARKS.md keeps it beside the numbers it uses.
/// </summary>
internal static class ClusterOnPaper
{
    public const string Heading = "### On paper: N nodes and a Redis Cluster";

    /// <summary>The node counts the table works out; 16 is far past what one Redis's pub/sub writes would notice.</summary>
    private static readonly int[] NodeCounts = [1, 2, 4, 8, 16];

    public static void Write(TextWriter markdown, ClusterFigures figures)
    {
        var perNode = ClusterFigures.Median(figures.Fast(ClusterSetups.OneNodeOnRedis), "deliveriesPerSec");
        var twoNodes = ClusterFigures.Median(figures.Fast(ClusterSetups.TwoNodesOnRedis), "deliveriesPerSec");
        var commits = ClusterFigures.Median(figures.Sends(ClusterSetups.OneNodeOnRedis), "sendsPerSec");
        var subscribers = figures.Subscribers;

        markdown.WriteLine(Heading);
        markdown.WriteLine();
        markdown.WriteLine("Assumptions: each node subscribes to the chat on Redis once, so it receives every broadcast once and writes it " +
            "to its own subscribers; a broadcast costs one Redis round trip from the node that took it (one EVALSHA that stores " +
            "the message under the chat's sequence counter and PUBLISHes it); Redis runs commands on one thread, and PUBLISH to N " +
            "subscribed nodes costs it N writes per message. With D₁ the deliveries/s one node writes, C the broadcasts/s one chat " +
            "commits and S its subscribers, deliveries/s grow with the nodes until the commits are the limit:");
        markdown.WriteLine();
        markdown.WriteLine("> deliveries/s with N nodes ≈ min(N × D₁, C × S)");
        markdown.WriteLine();
        markdown.WriteLine($"From the table above: D₁ = {Figure(perNode)} (1 node on Redis, as fast as published), " +
            $"C = {Figure(commits)} (sends through 1 node on Redis), S = {Figure(subscribers)}. Both measured figures are floors: " +
            "the node, Redis and the load tool share this machine's cores, so the load tool and the node, not Redis, set them.");
        markdown.WriteLine();
        string[] header = ["nodes", "deliveries/s on paper", "the limit", "Redis writes to nodes (messages/s)"];
        markdown.WriteLine(MarkdownText.Row(header));
        markdown.WriteLine(MarkdownText.Separator([true, true, false, true]));
        foreach (var nodes in NodeCounts)
        {
            markdown.WriteLine(MarkdownText.Row(Row(nodes, perNode, commits, subscribers)));
        }

        markdown.WriteLine();
        markdown.WriteLine("Not in the formula, and not measured here: one node's network, and Redis's own command rate. Redis writes " +
            "C × N messages/s to the nodes while the nodes write C × S deliveries, so its share grows with the nodes, not with " +
            $"the subscribers. Measured with 2 nodes: {Figure(twoNodes)} deliveries/s" +
            (perNode is { } d ? $" (2 × D₁ would be {Figure(2 * d)})" : "") +
            "; on one machine the two nodes share its cores with Redis and the load tool, so this shows that every delivery " +
            "crosses nodes exactly once, not how nodes scale; the formula assumes a machine per node.");
        markdown.WriteLine();
        markdown.WriteLine("A Redis Cluster shards keys by hash slot, but all of one chat's keys hang on its one sequence counter and are " +
            "written by one script, so they must share a slot: one chat's commits live on one shard, and C stays what one Redis " +
            "commits, however many shards. (Parley's scripts reach keys they build from the prefix, which a Cluster allows only " +
            "within one slot: a `KeyPrefix` with a hash tag, such as `{chat1}:`, puts a chat there. Parley is tested on one Redis, " +
            "not on a Cluster.) A Cluster adds availability (a replica takes over from a failed primary) and room for " +
            "other chats (another `KeyPrefix`) on other shards, not commit throughput for one room. A plain PUBLISH in a Cluster " +
            "is also forwarded to every shard; sharded pub/sub (SPUBLISH, Redis 7) keeps it on the chat's own.");
    }

    private static string[] Row(int nodes, double? perNode, double? commits, double? subscribers)
    {
        var count = nodes.ToString(CultureInfo.InvariantCulture);
        if (perNode is not { } d || commits is not { } c || subscribers is not { } s)
        {
            return [count, "—", "not measured", "—"];
        }

        var byNodes = nodes * d;
        var byCommits = c * s;
        return
        [
            count,
            Figure(Math.Min(byNodes, byCommits)),
            byNodes < byCommits ? "the nodes' writes (N × D₁)" : "one chat's commits (C × S)",
            Figure(c * nodes),
        ];
    }

    private static string Figure(double? value) => value is { } v ? ReportNumber.Format(v) : "not measured";
}
