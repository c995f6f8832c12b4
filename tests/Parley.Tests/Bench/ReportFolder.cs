using Parley.Bench.Cli;
using Parley.Bench.Results;

namespace Parley.Tests.Bench;

/// <summary>A throwaway repository-like folder: results/ as bench/run.sh leaves it, and the report written beside.</summary>
internal sealed class ReportFolder : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("parley-report-");

    public string Results => Path.Combine(_root.FullName, "results");

    public string Markdown => Path.Combine(_root.FullName, "BENCHMARKS.md");

    public string Chart => Path.Combine(_root.FullName, "docs", "fanout.svg");

    public async Task AddAsync(IEnumerable<ModeResult> results)
    {
        foreach (var result in results)
        {
            var name = $"{result.Mode}-{string.Join("-", result.Parameters.Values).Replace('/', '_')}-{result.Server}-r{result.Round}.json";
            await ResultOutput.WriteJsonAsync(result, Path.Combine(Results, name), TestContext.Current.CancellationToken);
        }
    }

    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(_root.FullName, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Runs <c>report</c> as the command line does; returns its exit code and what it printed.</summary>
    public async Task<(int Exit, string Output, string Errors)> ReportAsync(params string[] extra)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        string[] args = extra.Length > 0 ? ["report", .. extra] : ["report", "--results", Results, "--out", Markdown, "--svg", Chart];
        var exit = await BenchCommand.RunAsync(args, output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    /// <summary>The lines from <paramref name="heading"/> up to the next <c>## </c> heading, without the blank lines at its end.</summary>
    public static string[] Section(string[] lines, string heading)
    {
        var start = Array.FindIndex(lines, l => l.StartsWith(heading, StringComparison.Ordinal));
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        return lines[start..end].Reverse().SkipWhile(string.IsNullOrEmpty).Reverse().ToArray();
    }

    public void Dispose() => _root.Delete(recursive: true);
}
