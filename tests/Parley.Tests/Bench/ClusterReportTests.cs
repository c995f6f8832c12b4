using Parley.Bench.Results;
using static Parley.Tests.Bench.ReportFolder;
using static Parley.Tests.Bench.ResultFixtures;

namespace Parley.Tests.Bench;

public sealed class ClusterReportTests
{
    private const string Fast = "subscribers=1000 broadcasts=1000 rate=0 publishers=4";
    private const string Paced = "subscribers=1000 broadcasts=200 rate=20 publishers=4";
    private const string Sends = "concurrency=16 requests=20000 keepAlive=true";

    [Fact]
    public async Task The_cluster_section_gives_each_setup_its_medians_with_the_spread_and_the_rounds()
    {
        using var folder = new ReportFolder();
        await AddClusterAsync(folder, Fixture());

        await folder.ReportAsync();
        var section = Section(File.ReadAllLines(folder.Markdown), "## Several nodes on one Redis");

        Assert.Contains(
            "Cases: as fast as published: `subscribers=1000 broadcasts=1000 rate=0 publishers=4`; paced: " +
            "`subscribers=1000 broadcasts=200 rate=20 publishers=4`; commits: `send concurrency=16 requests=20000 keepAlive=true, through one node`.",
            section);
        var table = section.SkipWhile(l => !l.StartsWith("| setup", StringComparison.Ordinal)).Take(5).ToArray();
        Assert.Equal(
            [
                "| setup | nodes | deliveries/s, as fast as published | p99 (ms), as fast as published | CPU per delivery (us), as fast as published | deliveries/s, paced | p99 (ms), paced | commits/s (sends) | rounds (fast / paced / sends) |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
                "| 1 node, SQLite (as it ships) | 1 | 200,000 (190,000–210,000) | 100 | 6 | 20,000 | 50 | 8,000 | 3 / 1 / 1 |",
                "| 1 node on Redis | 1 | 100,000 | 120 | 9 | 20,000 | 60 | 5,000 | 1 / 1 / 1 |",
                "| 2 nodes on Redis | 2 | 150,000 | 110 | 8 | 20,000 | 55 | — | 1 / 1 / 0 |",
            ],
            table);
    }

    [Fact]
    public async Task On_paper_the_nodes_scale_deliveries_until_one_chats_commits_times_its_subscribers()
    {
        using var folder = new ReportFolder();
        await AddClusterAsync(folder, Fixture());

        await folder.ReportAsync();
        var lines = File.ReadAllLines(folder.Markdown);
        var start = Array.IndexOf(lines, "### On paper: N nodes and a Redis Cluster");

        Assert.Contains("> deliveries/s with N nodes ≈ min(N × D₁, C × S)", lines[start..]);
        Assert.Contains(lines[start..], l => l.StartsWith("From the table above: D₁ = 100,000 (1 node on Redis, as fast as published), C = 5,000 (sends through 1 node on Redis), S = 1,000.", StringComparison.Ordinal));
        var table = lines[start..].SkipWhile(l => !l.StartsWith("| nodes", StringComparison.Ordinal)).Take(7).ToArray();
        Assert.Equal(
            [
                "| nodes | deliveries/s on paper | the limit | Redis writes to nodes (messages/s) |",
                "| ---: | ---: | --- | ---: |",
                "| 1 | 100,000 | the nodes' writes (N × D₁) | 5,000 |",
                "| 2 | 200,000 | the nodes' writes (N × D₁) | 10,000 |",
                "| 4 | 400,000 | the nodes' writes (N × D₁) | 20,000 |",
                "| 8 | 800,000 | the nodes' writes (N × D₁) | 40,000 |",
                "| 16 | 1,600,000 | the nodes' writes (N × D₁) | 80,000 |",
            ],
            table);
        Assert.Contains(lines[start..], l => l.Contains("Measured with 2 nodes: 150,000 deliveries/s (2 × D₁ would be 200,000)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_cluster_results_the_section_says_how_to_measure_it_and_the_paper_has_no_figures()
    {
        using var folder = new ReportFolder();
        await folder.AddAsync(Rounds("fanout", "parley", Fast, "deliveriesPerSec", 1));

        await folder.ReportAsync();
        var section = Section(File.ReadAllLines(folder.Markdown), "## Several nodes on one Redis");

        Assert.Contains(section, l => l.StartsWith("Not measured yet: no results in ", StringComparison.Ordinal) && l.Contains("`bench/run.sh --only cluster`", StringComparison.Ordinal));
        Assert.Contains("| 2 nodes on Redis | 2 | — | — | — | — | — | — | 0 / 0 / 0 |", section);
        Assert.Contains("| 4 | — | not measured | — |", section);
    }

    [Fact]
    public async Task A_plumbing_run_is_said_to_measure_nothing_and_cluster_results_stay_out_of_the_mode_tables()
    {
        using var folder = new ReportFolder();
        await folder.AddAsync(Rounds("fanout", "parley", Fast, "deliveriesPerSec", 1));
        await AddClusterAsync(folder, Fixture());
        folder.Write("results/cluster/machine.txt", "cores: 2\nPLUMBING:   parley-redis-2nodes is one node listed twice\n");

        await folder.ReportAsync();
        var lines = File.ReadAllLines(folder.Markdown);

        Assert.Contains(Section(lines, "## Several nodes on one Redis"), l => l.StartsWith("**A plumbing run:**", StringComparison.Ordinal));
        Assert.DoesNotContain(Section(lines, "## fanout"), l => l.Contains("parley-redis", StringComparison.Ordinal));
    }

    private static async Task AddClusterAsync(ReportFolder folder, IEnumerable<ModeResult> results)
    {
        foreach (var result in results)
        {
            var name = $"results/cluster/{result.Mode}-{result.Server}-{string.Join("-", result.Parameters.Values)}-r{result.Round}.json";
            folder.Write(name, "");
            await ResultOutput.WriteJsonAsync(result, Path.Combine(Path.GetDirectoryName(folder.Results)!, name), TestContext.Current.CancellationToken);
        }
    }

    private static IEnumerable<ModeResult> Fixture() =>
    [
        Result("fanout", "parley", 1, Fast, ("deliveriesPerSec", 190_000), ("p99Ms", 100), ("cpuUsPerDelivery", 6)),
        Result("fanout", "parley", 2, Fast, ("deliveriesPerSec", 200_000), ("p99Ms", 100), ("cpuUsPerDelivery", 6)),
        Result("fanout", "parley", 3, Fast, ("deliveriesPerSec", 210_000), ("p99Ms", 100), ("cpuUsPerDelivery", 6)),
        Result("fanout", "parley-redis", 1, Fast, ("deliveriesPerSec", 100_000), ("p99Ms", 120), ("cpuUsPerDelivery", 9)),
        Result("fanout", "parley-redis-2nodes", 1, Fast + " nodes=2", ("deliveriesPerSec", 150_000), ("p99Ms", 110), ("cpuUsPerDelivery", 8)),
        Result("fanout", "parley", 1, Paced, ("deliveriesPerSec", 20_000), ("p99Ms", 50)),
        Result("fanout", "parley-redis", 1, Paced, ("deliveriesPerSec", 20_000), ("p99Ms", 60)),
        Result("fanout", "parley-redis-2nodes", 1, Paced + " nodes=2", ("deliveriesPerSec", 20_000), ("p99Ms", 55)),
        Result("send", "parley", 1, Sends, ("sendsPerSec", 8_000)),
        Result("send", "parley-redis", 1, Sends, ("sendsPerSec", 5_000)),
    ];
}
