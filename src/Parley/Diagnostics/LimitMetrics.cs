using System.Diagnostics.Metrics;

namespace Parley.Diagnostics;

/// <summary>The abuse limits a request was refused by (answered 429), tagged as <see cref="LimitMetrics"/> counts them.</summary>
public enum RefusedLimit
{
    /// <summary>A send bucket, per address or per nick, in messages or in bytes (Parley:Limits:SendBurst and friends).</summary>
    Send,

    /// <summary>Logins locked after failures (Parley:Limits:LoginFailures).</summary>
    Login,

    /// <summary>Parley:Limits:RegistrationsPerAddressPerHour.</summary>
    Registration,

    /// <summary>Parley:Limits:GuestSessionsPerAddressPerMinute.</summary>
    GuestStart,

    /// <summary>Parley:Chat:MaxStreamsPerNick (over every node on several).</summary>
    StreamsPerNick,

    /// <summary>Parley:Limits:MaxStreamsPerAddress.</summary>
    StreamsPerAddress,

    /// <summary>Parley:Chat:MaxStoredPerNick: the offline recipient's mailbox is full.</summary>
    Mailbox,

    /// <summary>Parley:Limits:MaxWaitingPerSender or MaxWaitingBytesPerSender.</summary>
    WaitingPerSender,

    /// <summary>Parley:Limits:MaxWaitingForGuests or MaxWaitingBytesForGuests.</summary>
    WaitingForGuests,
}

/// <summary>Refusals by the abuse limits, on the <c>Parley</c> meter, one per 429 (each also logged once where it is answered).</summary>
public sealed class LimitMetrics
{
    private static readonly KeyValuePair<string, object?>[] Tags =
    [
        .. Enum.GetValues<RefusedLimit>().Select(limit => new KeyValuePair<string, object?>("limit", StoreMetrics.SnakeCase(limit.ToString()))),
    ];

    private readonly Counter<long> _refused;

    public LimitMetrics(IMeterFactory meterFactory) => _refused = meterFactory.Create(ChatMetrics.MeterName).CreateCounter<long>(
        "parley.limits.refused",
        "{request}",
        "Requests refused by an abuse limit (429), by which limit");

    public void Refused(RefusedLimit limit) => _refused.Add(1, Tags[(int)limit]);
}
