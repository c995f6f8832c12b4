using System.Net;
using Microsoft.Extensions.Options;
using Parley.Chat;

namespace Parley.Protection;

/// <summary>
/// At most <see cref="LimitOptions.RegistrationsPerAddressPerHour"/> accounts per client address in any hour: the
/// times of its registrations in the last hour, a sliding log. On <see cref="TimeProvider"/> rather than
/// System.Threading.RateLimiting's window limiters, which read Stopwatch: a test of an hour's limit needs a fake clock.
/// </summary>
public sealed class RegistrationLimiter(IOptionsMonitor<LimitOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();

    // Full of live entries (tens of thousands of addresses registering within the hour), a further address goes
    // untracked rather than refused: the account store's own limits still hold.
    private readonly RecentEvents _addresses = new(StringComparer.Ordinal, LoginThrottle.MaxTracked, time);

    /// <summary>Counts a registration from <paramref name="address"/>, or refuses it and says when the oldest of the hour's expires.</summary>
    public bool TryRegister(IPAddress? address, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (ClientAddress.KeyOf(address) is not { } key)
        {
            return true;
        }

        var limit = options.CurrentValue.RegistrationsPerAddressPerHour;
        lock (_gate)
        {
            if (_addresses.Find(key, Window) is { } track && track.Times.Count >= limit)
            {
                retryAfter = track.Times.Peek() + Window - time.GetUtcNow();
                return false;
            }

            _addresses.Add(key, Window);
            return true;
        }
    }

    /// <summary>The refusal as a 429 naming the setting, for a <see cref="TryRegister"/> that returned false.</summary>
    public Rejection Refusal(TimeSpan retryAfter) => new(
        RejectionKind.LimitReached,
        "address",
        $"this client address has registered {options.CurrentValue.RegistrationsPerAddressPerHour} accounts within the last hour, the most allowed " +
        $"(setting Parley:Limits:RegistrationsPerAddressPerHour); try again in {RetryAfter.Seconds(retryAfter)} s",
        retryAfter);
}
