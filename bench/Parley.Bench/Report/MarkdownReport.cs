using System.Globalization;

namespace Parley.Bench.Report;

/// <summary>
/// BENCHMARKS.md: how to regenerate it, the machine and commands, a table per mode, durable beside in memory, several
/// nodes on Redis, the targets, the chart, the findings.
/// </summary>
internal static class MarkdownReport
{
    private static readonly Dictionary<string, string> ModeTitles = new(StringComparer.Ordinal)
    {
        ["static"] = "static: `GET /`, the chat page, beside nginx serving the same bytes",
        ["send"] = "send: one listener, many sends, beside Nchan's publish and Parley in memory",
        ["fanout"] = "fanout: one broadcast to every subscriber, beside one Nchan channel and Parley in memory",
        ["idle"] = "idle: open streams, their memory settled, after a burst and after churn, and their CPU while quiet",
    };

    public static string Render(ReportInputs inputs, ResultSet results, IReadOnlyList<TargetRow> targets, string chartLink)
    {
        using var markdown = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        WriteIntroduction(markdown, inputs, results);
        WriteVerbatim(markdown, "The machine", inputs.Machine, ReportInputs.MachineFile, inputs.ResultsFolder, "text");
        WriteVerbatim(markdown, "The commands", inputs.Commands, ReportInputs.CommandsFile, inputs.ResultsFolder, "sh");
        foreach (var mode in results.Modes)
        {
            markdown.WriteLine($"## {ModeTitles.GetValueOrDefault(mode, mode)}");
            markdown.WriteLine();
            ModeTable.Write(markdown, results, mode);
            markdown.WriteLine();
        }

        DurableSection.Write(markdown, results);
        markdown.WriteLine();
        ClusterSection.Write(markdown, inputs.Cluster);
        markdown.WriteLine();
        WriteTargets(markdown, targets, inputs.Findings is not null);
        markdown.WriteLine("## Fan-out against the number of subscribers");
        markdown.WriteLine();
        markdown.WriteLine("Broadcasts as fast as the publishers allow (rate 0): deliveries per second and p99 delivery latency, " +
            "medians with min–max whiskers, on a log scale of subscribers.");
        markdown.WriteLine();
        markdown.WriteLine($"![Fan-out: deliveries per second and p99 latency against subscribers, Parley beside Nchan]({chartLink})");
        if (inputs.Findings is { } findings)
        {
            markdown.WriteLine();
            markdown.Write(findings.TrimEnd('\n', '\r'));
            markdown.WriteLine();
        }

        return markdown.ToString();
    }

    private static void WriteIntroduction(TextWriter markdown, ReportInputs inputs, ResultSet results)
    {
        markdown.WriteLine("# Parley benchmarks");
        markdown.WriteLine();
        markdown.WriteLine("Parley beside the servers people would pick instead: nginx for the static page, nginx with Nchan for " +
            "publish/subscribe. Both peers run from Debian's packages with the configs in `bench/peers/`, on the same machine, " +
            $"in the same run. Written by `Parley.Bench report` from {results.Count} results in `{inputs.ResultsFolder}`; do not edit by hand.");
        markdown.WriteLine();
        markdown.WriteLine("## How to regenerate");
        markdown.WriteLine();
        markdown.WriteLine(MarkdownText.Fenced("sh", "bench/run.sh"));
        markdown.WriteLine();
        markdown.WriteLine("It takes about an hour: it installs nginx and Nchan when missing, builds Parley and the load tool in Release, runs every mode " +
            "against Parley and its peer (nginx, Nchan or Parley in memory) for 3 rounds (`--rounds N` for more), each server started fresh " +
            "and stopped by PID, the order of the servers alternating between rounds, then the cluster section (several nodes on one " +
            "Redis, when `redis-server` is installed), and then rewrites this file and `docs/fanout.svg`. `bench/run.sh --only cluster` " +
            "measures only the cluster section and rewrites this file from the other results as they are.");
        markdown.WriteLine();
        markdown.WriteLine("## How to read it");
        markdown.WriteLine();
        markdown.WriteLine("- The load tool and the server share this machine's cores, so requests per second mostly measure the " +
            "load tool. The figures to compare are the server's own CPU time per request (from `/proc/PID/stat`, nginx's " +
            "workers included) and ratios measured in the same run.");
        markdown.WriteLine("- Memory is `Pss` from `/proc/PID/smaps_rollup`, summed over the server's process and its children: " +
            "each resident page divided among the processes that map it, so nginx's code and the shared memory zone where Nchan " +
            "keeps its channels and subscribers count once over the master and its workers. Parley is one process; the .NET " +
            "runtime files it shares with the load tool count half.");
        markdown.WriteLine("- Every figure is the median over rounds with the lowest and highest round in brackets; a single " +
            "figure means every round agreed. Ratios and verdicts compare medians.");
        markdown.WriteLine("- Parley is the durable default: every message stored in SQLite, in a fresh data folder per run, before its send " +
            "is answered. Parley in memory is the same build with `--store memory`, run beside it where storing shows: keep-alive " +
            "sends and a paced fan-out.");
        markdown.WriteLine($"- {SeedFigures.Note}");
        markdown.WriteLine();
    }

    private static void WriteVerbatim(TextWriter markdown, string title, string? text, string file, string folder, string language)
    {
        markdown.WriteLine($"## {title}");
        markdown.WriteLine();
        markdown.WriteLine(text is null ? $"Not recorded: no `{file}` in `{folder}`." : MarkdownText.Fenced(language, text));
        markdown.WriteLine();
    }

    private static void WriteTargets(TextWriter markdown, IReadOnlyList<TargetRow> targets, bool withFindings)
    {
        markdown.WriteLine("## Targets");
        markdown.WriteLine();
        markdown.WriteLine("Parley against the peer in the same run; medians, min–max in brackets.");
        markdown.WriteLine();
        TargetTable.Write(markdown, targets);
        var missed = targets.Count(t => t.Verdict == Verdict.Missed);
        var unmeasured = targets.Count(t => t.Verdict == Verdict.NotMeasured);
        markdown.WriteLine();
        markdown.WriteLine($"{targets.Count - missed - unmeasured} of {targets.Count} targets met, {missed} missed, {unmeasured} not measured.");
        if (missed > 0)
        {
            markdown.WriteLine(withFindings
                ? "Where a target is missed, the findings at the end show where the time goes and what was tried."
                : "Where a target is missed, the reason belongs in `bench/findings.md`, which is not written yet.");
        }

        markdown.WriteLine();
    }
}
