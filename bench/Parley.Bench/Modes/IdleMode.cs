using Parley.Bench.Cli;
using Parley.Bench.Results;

namespace Parley.Bench.Modes;

internal sealed class IdleMode : IBenchMode
{
    public string Name => "idle";

    public Task<ModeResult> RunAsync(CommonSettings common, BenchArgs options, CancellationToken cancellation) =>
        throw new BenchUsageException("idle is not built yet");
}
