using Parley.Bench.Cli;
using Parley.Bench.Results;

namespace Parley.Bench.Modes;

internal sealed class SendMode : IBenchMode
{
    public string Name => "send";

    public Task<ModeResult> RunAsync(CommonSettings common, BenchArgs options, CancellationToken cancellation) =>
        throw new BenchUsageException("send is not built yet");
}
