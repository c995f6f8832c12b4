using System.Globalization;

namespace Parley.Bench.Report;

/// <summary>
/// Issue 11's section: one chat on 1 node (SQLite), 1 node on Redis and 2 nodes on Redis, measured on this machine,
/// then what N nodes and a Redis Cluster would carry on paper (<see cref="ClusterOnPaper"/>).
/// </summary>
internal static class ClusterSection
{
    public const string Heading = "## Several nodes on one Redis";

    public static void Write(TextWriter markdown, ClusterInputs cluster)
    {
        var figures = new ClusterFigures(cluster.Results);
        markdown.WriteLine(Heading);
        markdown.WriteLine();
        markdown.WriteLine("One chat served by 1 node with the default durable store (SQLite), by 1 node with `--store redis`, and by 2 nodes " +
            "sharing one Redis (`--store redis --redis HOST:PORT`, each node on its own `--urls`). Over 2 nodes the load tool opens " +
            "subscriber i on node i mod 2 and publishes through both alike; a delivery counts whichever node it came through, and every " +
            "subscriber must still get every broadcast exactly once. A fresh `redis-server` per run, persisting with `--save \"\" " +
            "--appendonly yes --appendfsync everysec`. Nodes, Redis and the load tool share this machine's cores. CPU is the nodes' and " +
            "Redis's together. Medians over rounds, min–max in brackets; `bench/run.sh --only cluster` measures this section again " +
            "(about 10 minutes) and rewrites this file from the other results as they are.");
        markdown.WriteLine();
        if (cluster.Results.Count == 0)
        {
            markdown.WriteLine($"Not measured yet: no results in `{cluster.Folder}`. `bench/run.sh --only cluster` measures it; it needs " +
                "Debian's `redis-server` package.");
            markdown.WriteLine();
        }

        if (cluster.IsPlumbing)
        {
            markdown.WriteLine("**A plumbing run:** the 2-node setup was one node listed twice, to check the script and the tool before " +
                "Parley's Redis mode worked. These figures say nothing about Redis or several nodes.");
            markdown.WriteLine();
        }

        WriteCases(markdown, figures);
        WriteTable(markdown, figures);
        WriteFailedChecks(markdown, figures);
        markdown.WriteLine();
        ClusterOnPaper.Write(markdown, figures);
        markdown.WriteLine();
        markdown.WriteLine("### The cluster runs' machine and commands");
        markdown.WriteLine();
        markdown.WriteLine(cluster.Machine is null ? "Not recorded." : MarkdownText.Fenced("text", cluster.Machine));
        markdown.WriteLine();
        markdown.WriteLine(cluster.Commands is null ? "Not recorded." : MarkdownText.Fenced("sh", cluster.Commands));
    }

    private static void WriteCases(TextWriter markdown, ClusterFigures figures)
    {
        var cases = new[]
        {
            ("as fast as published", figures.FastCase),
            ("paced", figures.PacedCase),
            ("commits", figures.SendCase is { } send ? $"send {send}, through one node" : null),
        }.Where(c => c.Item2 is not null).Select(c => $"{c.Item1}: `{c.Item2}`").ToList();
        if (cases.Count > 0)
        {
            markdown.WriteLine($"Cases: {string.Join("; ", cases)}.");
            markdown.WriteLine();
        }
    }

    private static void WriteTable(TextWriter markdown, ClusterFigures figures)
    {
        string[] header =
        [
            "setup", "nodes", "deliveries/s, as fast as published", "p99 (ms), as fast as published", "CPU per delivery (us), as fast as published",
            "deliveries/s, paced", "p99 (ms), paced", "commits/s (sends)", "rounds (fast / paced / sends)",
        ];
        markdown.WriteLine(MarkdownText.Row(header));
        markdown.WriteLine(MarkdownText.Separator(header.Select((_, i) => i >= 1)));
        foreach (var (server, display, nodes) in ClusterSetups.All)
        {
            var fast = figures.Fast(server);
            var paced = figures.Paced(server);
            var sends = figures.Sends(server);
            markdown.WriteLine(MarkdownText.Row(
            [
                display,
                nodes.ToString(CultureInfo.InvariantCulture),
                Cell(fast, "deliveriesPerSec"),
                Cell(fast, "p99Ms"),
                Cell(fast, "cpuUsPerDelivery"),
                Cell(paced, "deliveriesPerSec"),
                Cell(paced, "p99Ms"),
                Cell(sends, "sendsPerSec"),
                $"{Rounds(fast)} / {Rounds(paced)} / {Rounds(sends)}",
            ]));
        }
    }

    private static void WriteFailedChecks(TextWriter markdown, ClusterFigures figures)
    {
        var failed = figures.Results
            .SelectMany(r => r.Checks.Where(c => !c.Passed).Select(c => (Result: r, Check: c)))
            .Select(f => $"- {f.Result.Server}, {f.Result.Mode} {string.Join(" ", f.Result.Parameters.Select(p => $"{p.Key}={p.Value}"))}, " +
                $"round {f.Result.Round}: {f.Check.Name} failed ({f.Check.Detail})")
            .ToList();
        MarkdownText.WriteFailedChecks(markdown, failed);
    }

    private static string Cell(ResultGroup? group, string metric) => group?.Metric(metric)?.ToString() ?? "—";

    private static string Rounds(ResultGroup? group) => (group?.Rounds.Count ?? 0).ToString(CultureInfo.InvariantCulture);
}
