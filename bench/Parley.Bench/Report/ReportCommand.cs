using Parley.Bench.Cli;

namespace Parley.Bench.Report;

/// <summary>
/// <c>report --results DIR --out BENCHMARKS.md --svg docs/fanout.svg</c>: every JSON result in DIR, grouped and
/// summarised over rounds, written as one Markdown file and one chart.
/// </summary>
internal static class ReportCommand
{
    public const string Name = "report";

    public static async Task<int> RunAsync(BenchArgs options, TextWriter output)
    {
        var resultsFolder = options.Text("results") ?? throw new BenchUsageException("report needs --results DIR");
        var outPath = options.Text("out", "BENCHMARKS.md");
        var svgPath = options.Text("svg", Path.Combine("docs", "fanout.svg"));
        options.ThrowOnUnused();

        var inputs = ReportInputs.Read(resultsFolder, outPath);
        var results = ResultSet.From(inputs.Results);
        var targets = Targets.Evaluate(results);
        var markdown = MarkdownReport.Render(inputs, results, targets, ChartLink(outPath, svgPath));
        await WriteAsync(svgPath, FanoutChart.Render(results));
        await WriteAsync(outPath, markdown);

        output.WriteLine($"report: {inputs.Results.Count} results in {results.Cases.Count} cases from {resultsFolder}");
        foreach (var target in targets)
        {
            output.WriteLine($"  {target.VerdictText,-12} {target.Target}");
        }

        output.WriteLine($"wrote {outPath} and {svgPath}");
        return 0;
    }

    /// <summary>The chart's path from the Markdown file's folder, with forward slashes as Markdown links want.</summary>
    internal static string ChartLink(string outPath, string svgPath)
    {
        var outFolder = Path.GetDirectoryName(Path.GetFullPath(outPath)) ?? ".";
        return Path.GetRelativePath(outFolder, Path.GetFullPath(svgPath)).Replace(Path.DirectorySeparatorChar, '/');
    }

    private static async Task WriteAsync(string path, string text)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        await File.WriteAllTextAsync(path, text);
    }
}
