using Parley.Bench.Modes;
using Parley.Bench.Report;
using Parley.Bench.Results;

namespace Parley.Bench.Cli;

/// <summary>Dispatches <c>Parley.Bench &lt;mode&gt; [--option value ...]</c> to a mode and writes what it measured.</summary>
internal static class BenchCommand
{
    private static readonly IBenchMode[] Modes = [new StaticMode(), new SendMode(), new FanoutMode(), new IdleMode()];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            var options = BenchArgs.Parse(args.AsSpan(1));
            if (args[0] == ReportCommand.Name)
            {
                return await ReportCommand.RunAsync(options, output);
            }

            var mode = Array.Find(Modes, m => m.Name == args[0])
                ?? throw new BenchUsageException($"unknown mode '{args[0]}': expected static, send, fanout, idle or report");
            var common = CommonSettings.From(options);
            if (common.Urls.Count > 1 && !mode.LoadsSeveralNodes)
            {
                throw new BenchUsageException($"{mode.Name} loads one server: give --url one address");
            }

            if (common.Protocol == TargetProtocol.Json && !mode.ReadsJsonStreams)
            {
                throw new BenchUsageException($"{mode.Name} has no json form: --protocol json is for idle");
            }

            using var limit = new CancellationTokenSource(common.DurationLimit);
            var result = await mode.RunAsync(common, options, limit.Token);
            options.ThrowOnUnused();
            ResultOutput.WriteTable(result, output);
            if (common.JsonPath is { } path)
            {
                await ResultOutput.WriteJsonAsync(result, path, limit.Token);
            }

            return result.Passed ? 0 : 1;
        }
        catch (BenchUsageException e)
        {
            errors.WriteLine($"parley-bench: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            errors.WriteLine("parley-bench: the run took longer than --duration-limit and was stopped");
            return 3;
        }
    }

    private const string Usage = """
        usage: Parley.Bench <static|send|fanout|idle|report> [--option value ...]
        see bench/Parley.Bench/README.md for every option
        """;
}
