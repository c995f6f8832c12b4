namespace Parley.Bench.Cli;

/// <summary>A command line the tool cannot run: its message says what to change.</summary>
internal sealed class BenchUsageException(string message) : Exception(message);
