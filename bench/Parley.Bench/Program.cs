using Parley.Bench.Cli;
using Parley.Bench.Modes;

return await BenchCommand.RunAsync(args, Console.Out, Console.Error);
