using Parley.Bench.Cli;
using Parley.Bench.Results;

namespace Parley.Bench.Modes;

/// <summary>One kind of load: it reads its own options from <paramref name="options"/> and measures one round.</summary>
internal interface IBenchMode
{
    string Name { get; }

    /// <summary>Whether the mode can spread its load over several <c>--url</c>s, nodes of one chat (fanout); the others load one server.</summary>
    bool LoadsSeveralNodes => false;

    /// <summary>Whether the mode speaks <see cref="TargetProtocol.Json"/>, Parley's own streams (idle); the others speak the seed's or Nchan's.</summary>
    bool ReadsJsonStreams => false;

    Task<ModeResult> RunAsync(CommonSettings common, BenchArgs options, CancellationToken cancellation);
}
