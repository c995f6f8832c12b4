using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Parley.Chat;

namespace Parley.Protection;

/// <summary>
/// One kind of send bucket (per address or per nick, in messages or in bytes): a token bucket per key, from
/// System.Threading.RateLimiting. <see cref="PartitionedRateLimiter{TResource}.AttemptAcquire"/> never waits (no
/// queue), so it is safe on a socket thread; its lock covers a dictionary lookup and a counter.
/// </summary>
/// <remarks>
/// What the partitioned limiter does for us (dotnet/runtime, DefaultPartitionedRateLimiter and RateLimitPartition):
/// GetTokenBucketLimiter turns each bucket's own timer off, and one 100 ms heartbeat refills every bucket whose
/// period has passed, so a 1 s period refills every 1.0 to 1.1 s. A bucket that is full again counts as idle, and
/// the heartbeat drops a bucket idle for 10 s: memory holds only the keys that sent in about the last 11 s.
/// </remarks>
internal sealed class SendBuckets : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly PartitionedRateLimiter<string> _buckets;
    private readonly IOptionsMonitor<LimitOptions> _options;
    private readonly Kind _kind;

    public SendBuckets(IOptionsMonitor<LimitOptions> options, Kind kind, IEqualityComparer<string> keys)
    {
        _options = options;
        _kind = kind;
        _buckets = PartitionedRateLimiter.Create<string, string>(
            key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = kind.Burst(options.CurrentValue),
                TokensPerPeriod = kind.PerSecond(options.CurrentValue),
                ReplenishmentPeriod = Period,
                QueueLimit = 0,
                AutoReplenishment = false, // the partitioned limiter's heartbeat refills it
            }),
            keys);
    }

    /// <summary>Takes <paramref name="permits"/> tokens from <paramref name="key"/>'s bucket, or says when there will be enough.</summary>
    /// <param name="who">The key as a reason names it: "this client address", "the nick 'ann'".</param>
    public Rejection? TryTake(string key, int permits, string field, string who)
    {
        using var lease = _buckets.AttemptAcquire(key, permits);
        if (lease.IsAcquired)
        {
            return null;
        }

        var settings = _options.CurrentValue;
        var perSecond = _kind.PerSecond(settings);

        // The lease's estimate rounds the periods down (needing 1.2 periods' worth says 1); whole periods up are what it takes.
        lease.TryGetMetadata(MetadataName.RetryAfter, out var estimate);
        var missing = permits - (_buckets.GetStatistics(key)?.CurrentAvailablePermits ?? 0);
        var wait = TimeSpan.FromTicks(Math.Max(estimate.Ticks, Period.Ticks * Math.Max(1, (missing + perSecond - 1) / perSecond)));
        return new Rejection(
            RejectionKind.LimitReached,
            field,
            $"{who} has used its burst of {_kind.Burst(settings)} {_kind.Unit} and may send {perSecond} a second " +
            $"(settings Parley:Limits:{_kind.BurstSetting}, Parley:Limits:{_kind.PerSecondSetting}); try again in {RetryAfter.Seconds(wait)} s",
            wait);
    }

    public void Dispose() => _buckets.Dispose();

    /// <summary>What a bucket counts and the settings that size it.</summary>
    internal sealed record Kind(string Unit, string BurstSetting, string PerSecondSetting, Func<LimitOptions, int> Burst, Func<LimitOptions, int> PerSecond)
    {
        public static readonly Kind Messages = new(
            "messages", nameof(LimitOptions.SendBurst), nameof(LimitOptions.SendsPerSecond), o => o.SendBurst, o => o.SendsPerSecond);

        public static readonly Kind Bytes = new(
            "bytes of text", nameof(LimitOptions.SendBurstBytes), nameof(LimitOptions.SendBytesPerSecond), o => o.SendBurstBytes, o => o.SendBytesPerSecond);
    }
}
