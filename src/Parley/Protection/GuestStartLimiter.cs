using System.Net;
using Microsoft.Extensions.Options;
using Parley.Chat;
using Parley.Diagnostics;

namespace Parley.Protection;

/// <summary>
/// At most <see cref="LimitOptions.GuestSessionsPerAddressPerMinute"/> guest sessions started per client address in any
/// minute: each holds a nick for a day and is a write on the store thread, so a spray of them would squat nicks and
/// hold up everyone's sends behind its writes.
/// </summary>
public sealed class GuestStartLimiter(IOptionsMonitor<LimitOptions> options, TimeProvider time, LimitMetrics? metrics = null)
{
    private readonly AddressLog _log = new(TimeSpan.FromMinutes(1), time);

    /// <summary>The refusal (429 naming the setting) when <paramref name="address"/> started too many; otherwise null, the start counted.</summary>
    public Rejection? TryStart(IPAddress? address)
    {
        var limit = options.CurrentValue.GuestSessionsPerAddressPerMinute;
        if (_log.TryAdd(address, limit, out var retryAfter))
        {
            return null;
        }

        metrics?.Refused(RefusedLimit.GuestStart);
        return new Rejection(
                RejectionKind.LimitReached,
                "address",
                $"this client address has started {limit} guest sessions within the last minute, the most allowed " +
                $"(setting Parley:Limits:GuestSessionsPerAddressPerMinute); try again in {RetryAfter.Seconds(retryAfter)} s",
                retryAfter);
    }
}
