using Parley.Bench.Cli;
using Parley.Bench.Results;

namespace Parley.Bench.Modes;

internal sealed class FanoutMode : IBenchMode
{
    public string Name => "fanout";

    public Task<ModeResult> RunAsync(CommonSettings common, BenchArgs options, CancellationToken cancellation) =>
        throw new BenchUsageException("fanout is not built yet");
}
