using Parley.Bench.Results;

namespace Parley.Bench.Report;

/// <summary>
/// What bench/run.sh's cluster section leaves in <c>RESULTS/cluster/</c>: its results, machine and commands. Kept
/// apart from the other results, so the mode tables, targets and chart stay as they were, and so the section can be
/// measured again (<c>bench/run.sh --only cluster</c>) without running the rest.
/// </summary>
internal sealed record ClusterInputs(string Folder, IReadOnlyList<ModeResult> Results, string? Machine, string? Commands)
{
    /// <summary>The mark bench/run.sh puts in the cluster's machine.txt when the two nodes were one node listed twice.</summary>
    public const string PlumbingMark = "PLUMBING:";

    public bool IsPlumbing => Machine?.Contains(PlumbingMark, StringComparison.Ordinal) == true;

    public static ClusterInputs Read(string resultsFolder)
    {
        var folder = Path.Combine(resultsFolder, ClusterSetups.Folder);
        if (!Directory.Exists(folder))
        {
            return new ClusterInputs(folder, [], null, null);
        }

        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal);
        return new ClusterInputs(
            folder,
            [.. files.Select(ReportInputs.ReadResult)],
            ReportInputs.TextIfPresent(Path.Combine(folder, ReportInputs.MachineFile)),
            ReportInputs.TextIfPresent(Path.Combine(folder, ReportInputs.CommandsFile)));
    }
}
