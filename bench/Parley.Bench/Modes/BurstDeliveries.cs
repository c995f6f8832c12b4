using Parley.Bench.Results;

namespace Parley.Bench.Modes;

/// <summary>What idle's burst delivered: every stream must get every broadcast once, or the memory after it means little.</summary>
internal sealed record BurstDeliveries(
    int Broadcasts, long Expected, long Delivered, long Duplicated, long Stray, int Accepted, string? PublishFailure)
{
    public bool Complete => Delivered == Expected && Duplicated == 0 && Stray == 0 && Accepted == Broadcasts;

    public Check ToCheck() => new(
        "every stream got every burst broadcast once",
        Complete,
        $"{Delivered:N0} of {Expected:N0} deliveries arrived, {Duplicated:N0} more than once, {Stray:N0} stray; " +
        $"{Accepted:N0} of {Broadcasts:N0} broadcasts accepted{(PublishFailure is null ? "" : $"; first failure: {PublishFailure}")}");
}
