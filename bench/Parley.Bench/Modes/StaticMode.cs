using Parley.Bench.Cli;
using Parley.Bench.Results;

namespace Parley.Bench.Modes;

internal sealed class StaticMode : IBenchMode
{
    public string Name => "static";

    public Task<ModeResult> RunAsync(CommonSettings common, BenchArgs options, CancellationToken cancellation) =>
        throw new BenchUsageException("static is not built yet");
}
