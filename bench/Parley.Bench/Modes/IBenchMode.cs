using Parley.Bench.Cli;
using Parley.Bench.Results;

namespace Parley.Bench.Modes;

/// <summary>One kind of load: it reads its own options from <paramref name="options"/> and measures one round.</summary>
internal interface IBenchMode
{
    string Name { get; }

    Task<ModeResult> RunAsync(CommonSettings common, BenchArgs options, CancellationToken cancellation);
}
