using Parley.Bench.Report;
using Parley.Bench.Results;
using static Parley.Tests.Bench.ReportFolder;
using static Parley.Tests.Bench.ResultFixtures;

namespace Parley.Tests.Bench;

public sealed class ReportCommandTests
{
    private const string NoKeepAlive = "keepAlive=false concurrency=10 requests=10000 path=/";
    private const string KeepAlive = "keepAlive=true concurrency=10 requests=10000 path=/";

    [Fact]
    public async Task The_report_has_a_table_per_mode_with_parley_its_peer_the_ratio_and_the_rounds()
    {
        using var folder = new ReportFolder();
        await folder.AddAsync(Fixture());

        var (exit, _, _) = await folder.ReportAsync();
        var lines = File.ReadAllLines(folder.Markdown);

        Assert.Equal(0, exit);
        Assert.Equal(
            [
                "## static: `GET /`, the chat page, beside nginx serving the same bytes",
                "",
                "Every case: `concurrency=10 requests=10000 path=/`.",
                "",
                "| case | metric | Parley | nginx | Parley ÷ nginx | seed (PHP, published) | rounds (Parley / nginx) |",
                "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
                "| keepAlive=false | reqPerSec (req/s) | 9,500 (9,000–10,000) | 12,000 | 0.79× | 11,601 | 2 / 1 |",
                "| keepAlive=false | cpuUsPerRequest (us) | 25 (20–30) | 20 | 1.25× |  | 2 / 1 |",
                "| keepAlive=true | reqPerSec (req/s) | 20,000 | 21,000 | 0.95× |  | 1 / 1 |",
                "| keepAlive=true | cpuUsPerRequest (us) | 8 | 10 | 0.80× |  | 1 / 1 |",
            ],
            Section(lines, "## static"));
    }

    [Fact]
    public async Task The_fanout_table_names_each_case_by_what_differs_in_numeric_order()
    {
        using var folder = new ReportFolder();
        await folder.AddAsync(Fixture());

        await folder.ReportAsync();

        Assert.Equal(
            [
                "## fanout: one broadcast to every subscriber, beside one Nchan channel and Parley in memory",
                "",
                "Every case: `rate=0`.",
                "",
                "| case | metric | Parley | Nchan | Parley ÷ Nchan | rounds (Parley / Nchan) |",
                "| --- | --- | ---: | ---: | ---: | ---: |",
                "| subscribers=100 broadcasts=10000 | deliveriesPerSec (deliveries/s) | 100,000 | 90,000 | 1.11× | 1 / 1 |",
                "| subscribers=100 broadcasts=10000 | p99Ms (ms) | 2 | 3 | 0.67× | 1 / 1 |",
                "| subscribers=100 broadcasts=10000 | lost (count) | 0 | 0 | — | 1 / 1 |",
                "| subscribers=1000 broadcasts=1000 | deliveriesPerSec (deliveries/s) | 300,000 | 150,000 | 2.00× | 1 / 1 |",
                "| subscribers=1000 broadcasts=1000 | p99Ms (ms) | 12 | 10 | 1.20× | 1 / 1 |",
                "| subscribers=1000 broadcasts=1000 | lost (count) | 0 | 0 | — | 1 / 1 |",
            ],
            Section(File.ReadAllLines(folder.Markdown), "## fanout"));
    }

    [Fact]
    public async Task Idle_memory_of_nginx_sits_beside_parleys_and_the_seeds_published_memory()
    {
        using var folder = new ReportFolder();
        await folder.AddAsync(Fixture());

        await folder.ReportAsync();

        Assert.Equal(
            [
                "## idle: open streams, their memory settled, after a burst and after churn, and their CPU while quiet",
                "",
                "Every case: `streams=0`.",
                "",
                "| metric | Parley | nginx | Parley ÷ nginx | seed (PHP, published) | rounds (Parley / nginx) |",
                "| --- | ---: | ---: | ---: | ---: | ---: |",
                "| pssBeforeKib (KiB) | 50,000 | 8,000 | 6.25× | 12,800 (12.5 MB) | 1 / 1 |",
            ],
            Section(File.ReadAllLines(folder.Markdown), "## idle"));
    }

    [Fact]
    public async Task The_idle_table_shows_json_streams_as_their_own_case_beside_the_seeds_and_nchans()
    {
        using var folder = new ReportFolder();
        await folder.AddAsync(
        [
            Result("idle", "parley", 1, "streams=0", ("pssBeforeKib", 50_000)),
            Result("idle", "nginx", 1, "streams=0", ("pssBeforeKib", 8_000)),
            Result("idle", "parley", 1, "streams=10000", ("kibPerStream", 30), ("idleCpuUsPerStreamSecond", 0.5)),
            Result("idle", "nchan", 1, "streams=10000", ("kibPerStream", 20), ("idleCpuUsPerStreamSecond", 0.25)),
            Result("idle", "parley", 1, "streams=10000 protocol=json", ("kibPerStream", 33), ("idleCpuUsPerStreamSecond", 0.75)),
        ]);

        await folder.ReportAsync();

        Assert.Equal(
            [
                "## idle: open streams, their memory settled, after a burst and after churn, and their CPU while quiet",
                "",
                "| case | metric | Parley | Nchan | nginx | Parley ÷ Nchan | Parley ÷ nginx | seed (PHP, published) | rounds (Parley / Nchan / nginx) |",
                "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
                "| streams=0 | pssBeforeKib (KiB) | 50,000 | — | 8,000 | — | 6.25× | 12,800 (12.5 MB) | 1 / 0 / 1 |",
                "| streams=10000 | kibPerStream (KiB) | 30 | 20 | — | 1.50× | — |  | 1 / 1 / 0 |",
                "| streams=10000 | idleCpuUsPerStreamSecond (us) | 0.5 | 0.25 | — | 2.00× | — |  | 1 / 1 / 0 |",
                "| streams=10000 protocol=json | kibPerStream (KiB) | 33 | — | — | — | — |  | 1 / 0 / 0 |",
                "| streams=10000 protocol=json | idleCpuUsPerStreamSecond (us) | 0.75 | — | — | — | — |  | 1 / 0 / 0 |",
            ],
            Section(File.ReadAllLines(folder.Markdown), "## idle"));
    }

    [Fact]
    public async Task The_targets_table_gives_each_target_its_verdict()
    {
        using var folder = new ReportFolder();
        await folder.AddAsync(Fixture());

        await folder.ReportAsync();
        var targets = Section(File.ReadAllLines(folder.Markdown), "## Targets");

        Assert.Equal("| target | rule | Parley | peer | Parley ÷ peer | verdict |", targets[4]);
        Assert.Equal("| static, no keep-alive: server CPU per request | ≤ 1.0× nginx | 25 (20–30) us | nginx: 20 us | 1.25× | MISSED |", targets[6]);
        Assert.Equal("| static, keep-alive: server CPU per request | ≤ 1.0× nginx | 8 us | nginx: 10 us | 0.80× | met |", targets[7]);
        Assert.Equal("| send: server CPU per send, every message delivered | ≤ 1.0× Nchan | not measured | Nchan: not measured | — | not measured |", targets[8]);
        Assert.Equal("| send, keep-alive, 64 senders: durable CPU per message | ≤ 1.5× Parley in memory | not measured | Parley in memory: not measured | — | not measured |", targets[9]);
        Assert.Equal("| fanout, 1,000 subscribers, as fast as publishers allow: deliveries/s | ≥ 1.5× Nchan | 300,000 deliveries/s | Nchan: 150,000 deliveries/s | 2.00× | met |", targets[10]);
        Assert.Equal("| fanout, every case: nothing lost | lost = 0 | 0 lost in 2 runs | Nchan: 0 lost in 2 runs | — | met |", targets[15]);
        Assert.Equal("| idle server memory (Pss), no streams | written down beside nginx's | 50,000 KiB | nginx: 8,000 KiB | 6.25× | met |", targets[21]);
        Assert.Equal("4 of 16 targets met, 1 missed, 11 not measured.", targets[23]);
    }

    [Fact]
    public async Task The_report_shows_the_chart_by_its_path_from_the_report_and_writes_it()
    {
        using var folder = new ReportFolder();
        await folder.AddAsync(Fixture());

        await folder.ReportAsync();

        Assert.Contains(
            "![Fan-out: deliveries per second and p99 latency against subscribers, Parley beside Nchan](docs/fanout.svg)",
            File.ReadAllLines(folder.Markdown));
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", File.ReadAllText(folder.Chart), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_machine_and_the_commands_from_run_sh_are_copied_verbatim()
    {
        using var folder = new ReportFolder();
        await folder.AddAsync(Fixture());
        folder.Write("results/machine.txt", "cpu: AMD EPYC | 2 cores\nkernel: 6.18\n");
        folder.Write("results/commands.txt", "Parley.Bench static --keep-alive false\n");

        await folder.ReportAsync();
        var lines = File.ReadAllLines(folder.Markdown);

        Assert.Equal(["## The machine", "", "```text", "cpu: AMD EPYC | 2 cores", "kernel: 6.18", "```"], Section(lines, "## The machine"));
        Assert.Equal(["## The commands", "", "```sh", "Parley.Bench static --keep-alive false", "```"], Section(lines, "## The commands"));
    }

    [Fact]
    public async Task Without_machine_txt_the_report_says_it_was_not_recorded()
    {
        using var folder = new ReportFolder();
        await folder.AddAsync(Fixture());

        await folder.ReportAsync();

        Assert.Equal(
            ["## The machine", "", $"Not recorded: no `machine.txt` in `{folder.Results}`."],
            Section(File.ReadAllLines(folder.Markdown), "## The machine"));
    }

    [Fact]
    public async Task The_findings_beside_the_report_end_it_verbatim()
    {
        using var folder = new ReportFolder();
        await folder.AddAsync(Fixture());
        folder.Write("bench/findings.md", "## Findings\n\nThe profile shows *time* in `Flush`.\n");

        await folder.ReportAsync();

        Assert.EndsWith("(docs/fanout.svg)\n\n## Findings\n\nThe profile shows *time* in `Flush`.\n", File.ReadAllText(folder.Markdown), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_results_make_the_same_files()
    {
        using var folder = new ReportFolder();
        await folder.AddAsync(Fixture());

        await folder.ReportAsync();
        var (markdown, chart) = (File.ReadAllText(folder.Markdown), File.ReadAllText(folder.Chart));
        await folder.ReportAsync();

        Assert.Equal((markdown, chart), (File.ReadAllText(folder.Markdown), File.ReadAllText(folder.Chart)));
    }

    [Fact]
    public void The_order_results_arrive_in_does_not_change_the_report()
    {
        var inOrder = MarkdownReport.Render(Inputs(Fixture()), ResultSet.From(Fixture()), Targets.Evaluate(ResultSet.From(Fixture())), "c.svg");
        List<ModeResult> reversed = [.. Enumerable.Reverse(Fixture())];

        var fromReversed = MarkdownReport.Render(Inputs(reversed), ResultSet.From(reversed), Targets.Evaluate(ResultSet.From(reversed)), "c.svg");

        Assert.Equal(inOrder, fromReversed);
    }

    [Fact]
    public async Task The_command_prints_each_verdict()
    {
        using var folder = new ReportFolder();
        await folder.AddAsync(Fixture());

        var (_, output, _) = await folder.ReportAsync();

        Assert.Contains("  MISSED       static, no keep-alive: server CPU per request\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_results_folder_that_does_not_exist_is_a_usage_error()
    {
        using var folder = new ReportFolder();

        var (exit, _, errors) = await folder.ReportAsync("--results", folder.Results, "--out", folder.Markdown);

        Assert.Equal((2, $"parley-bench: --results {folder.Results}: no such folder"), (exit, errors.Trim()));
    }

    [Fact]
    public async Task A_json_file_that_is_not_a_result_is_a_usage_error_naming_it()
    {
        using var folder = new ReportFolder();
        folder.Write("results/broken.json", "{ not json");

        var (exit, _, errors) = await folder.ReportAsync();

        Assert.Equal(2, exit);
        Assert.StartsWith($"parley-bench: {Path.Combine(folder.Results, "broken.json")} is not a result written by --json", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_option_report_does_not_know_is_a_usage_error()
    {
        using var folder = new ReportFolder();

        var (exit, _, errors) = await folder.ReportAsync("--results", folder.Results, "--rounds", "3");

        Assert.Equal((2, "parley-bench: unknown option(s) for this mode: --rounds"), (exit, errors.Trim()));
    }

    [Fact]
    public void The_chart_link_is_relative_to_the_reports_folder() =>
        Assert.Equal("docs/fanout.svg", ReportCommand.ChartLink(Path.Combine("repo", "BENCHMARKS.md"), Path.Combine("repo", "docs", "fanout.svg")));

    private static ReportInputs Inputs(IReadOnlyList<ModeResult> results) =>
        new("results", results, null, null, null, new ClusterInputs("results/cluster", [], null, null));

    private static List<ModeResult> Fixture() =>
    [
        Result("static", "parley", 1, NoKeepAlive, ("reqPerSec", 9_000), ("cpuUsPerRequest", 30)),
        Result("static", "parley", 2, NoKeepAlive, ("reqPerSec", 10_000), ("cpuUsPerRequest", 20)),
        Result("static", "nginx", 1, NoKeepAlive, ("reqPerSec", 12_000), ("cpuUsPerRequest", 20)),
        Result("static", "parley", 1, KeepAlive, ("reqPerSec", 20_000), ("cpuUsPerRequest", 8)),
        Result("static", "nginx", 1, KeepAlive, ("reqPerSec", 21_000), ("cpuUsPerRequest", 10)),
        Result("fanout", "parley", 1, "subscribers=1000 broadcasts=1000 rate=0", ("deliveriesPerSec", 300_000), ("p99Ms", 12), ("lost", 0)),
        Result("fanout", "nchan", 1, "subscribers=1000 broadcasts=1000 rate=0", ("deliveriesPerSec", 150_000), ("p99Ms", 10), ("lost", 0)),
        Result("fanout", "parley", 1, "subscribers=100 broadcasts=10000 rate=0", ("deliveriesPerSec", 100_000), ("p99Ms", 2), ("lost", 0)),
        Result("fanout", "nchan", 1, "subscribers=100 broadcasts=10000 rate=0", ("deliveriesPerSec", 90_000), ("p99Ms", 3), ("lost", 0)),
        Result("idle", "parley", 1, "streams=0", ("pssBeforeKib", 50_000)),
        Result("idle", "nginx", 1, "streams=0", ("pssBeforeKib", 8_000)),
    ];
}
