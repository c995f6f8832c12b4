using System.Text.Json;
using Parley.Bench.Cli;
using Parley.Bench.Results;

namespace Parley.Bench.Report;

/// <summary>
/// What a report is made of: the JSON results in the results folder, the machine and commands bench/run.sh
/// wrote beside them, the cluster section's own results in its subfolder, and the hand-written findings kept in
/// the repository.
/// </summary>
internal sealed record ReportInputs(
    string ResultsFolder,
    IReadOnlyList<ModeResult> Results,
    string? Machine,
    string? Commands,
    string? Findings,
    ClusterInputs Cluster)
{
    public const string MachineFile = "machine.txt";
    public const string CommandsFile = "commands.txt";

    /// <summary>Findings live in the repository beside the tool, found from the report's own folder.</summary>
    public static readonly string FindingsPath = Path.Combine("bench", "findings.md");

    public static ReportInputs Read(string resultsFolder, string outPath)
    {
        if (!Directory.Exists(resultsFolder))
        {
            throw new BenchUsageException($"--results {resultsFolder}: no such folder");
        }

        var files = Directory.GetFiles(resultsFolder, "*.json").Order(StringComparer.Ordinal);
        var outFolder = Path.GetDirectoryName(Path.GetFullPath(outPath)) ?? ".";
        return new ReportInputs(
            resultsFolder,
            [.. files.Select(ReadResult)],
            TextIfPresent(Path.Combine(resultsFolder, MachineFile)),
            TextIfPresent(Path.Combine(resultsFolder, CommandsFile)),
            TextIfPresent(Path.Combine(outFolder, FindingsPath)),
            ClusterInputs.Read(resultsFolder));
    }

    internal static ModeResult ReadResult(string path)
    {
        try
        {
            return ResultOutput.ReadJson(path);
        }
        catch (JsonException e)
        {
            throw new BenchUsageException($"{path} is not a result written by --json: {e.Message}");
        }
    }

    internal static string? TextIfPresent(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}
