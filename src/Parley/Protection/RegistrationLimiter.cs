using System.Net;
using Microsoft.Extensions.Options;
using Parley.Chat;
using Parley.Diagnostics;

namespace Parley.Protection;

/// <summary>At most <see cref="LimitOptions.RegistrationsPerAddressPerHour"/> accounts per client address in any hour.</summary>
public sealed class RegistrationLimiter(IOptionsMonitor<LimitOptions> options, TimeProvider time, LimitMetrics? metrics = null)
{
    private readonly AddressLog _log = new(TimeSpan.FromHours(1), time);

    /// <summary>Counts a registration from <paramref name="address"/>, or refuses it and says when the oldest of the hour's expires.</summary>
    public bool TryRegister(IPAddress? address, out TimeSpan retryAfter)
    {
        if (_log.TryAdd(address, options.CurrentValue.RegistrationsPerAddressPerHour, out retryAfter))
        {
            return true;
        }

        metrics?.Refused(RefusedLimit.Registration);
        return false;
    }

    /// <summary>The refusal as a 429 naming the setting, for a <see cref="TryRegister"/> that returned false.</summary>
    public Rejection Refusal(TimeSpan retryAfter) => new(
        RejectionKind.LimitReached,
        "address",
        $"this client address has registered {options.CurrentValue.RegistrationsPerAddressPerHour} accounts within the last hour, the most allowed " +
        $"(setting Parley:Limits:RegistrationsPerAddressPerHour); try again in {RetryAfter.Seconds(retryAfter)} s",
        retryAfter);
}
