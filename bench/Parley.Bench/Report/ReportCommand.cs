using Parley.Bench.Cli;

namespace Parley.Bench.Report;

internal static class ReportCommand
{
    public const string Name = "report";

    public static Task<int> RunAsync(BenchArgs options, TextWriter output) =>
        throw new BenchUsageException("report is not built yet");
}
