using System.ComponentModel.DataAnnotations;

namespace Parley.Protection;

/// <summary>
/// What one client may cost everyone else, bound from <c>Parley:Limits</c>. Each refusal names the setting it hit.
/// Per-recipient and per-nick limits that predate these stay in <c>Parley:Chat</c>.
/// </summary>
public sealed class LimitOptions
{
    public const string Section = "Parley:Limits";

    /// <summary>Sends a nick, and separately a client address, may make at once before the rate applies.</summary>
    [Range(1, 1_000_000_000)]
    public int SendBurst { get; set; } = 10;

    /// <summary>Sends per second a nick, and separately an address, may keep up once its burst is spent.</summary>
    [Range(1, 1_000_000_000)]
    public int SendsPerSecond { get; set; } = 5;

    /// <summary>Bytes of text (UTF-8) sent at once before the byte rate applies; at least one longest message.</summary>
    [Range(1, 2_000_000_000)]
    public int SendBurstBytes { get; set; } = 40_000;

    /// <summary>Bytes of text per second once the byte burst is spent: 2.5 messages of 4,000 ASCII characters.</summary>
    [Range(1, 2_000_000_000)]
    public int SendBytesPerSecond { get; set; } = 10_000;

    /// <summary>Messages one sender may have waiting in offline mailboxes, over every recipient together.</summary>
    [Range(1, 1_000_000_000)]
    public int MaxWaitingPerSender { get; set; } = 500;

    /// <summary>Bytes of text (UTF-8) one sender may have waiting in offline mailboxes.</summary>
    [Range(1, long.MaxValue)]
    public long MaxWaitingBytesPerSender { get; set; } = 1_000_000;

    /// <summary>Messages waiting for nicks that are not registered, all of them together.</summary>
    [Range(1, 1_000_000_000)]
    public int MaxWaitingForGuests { get; set; } = 100_000;

    /// <summary>Bytes of text waiting for nicks that are not registered, all of them together.</summary>
    [Range(1, long.MaxValue)]
    public long MaxWaitingBytesForGuests { get; set; } = 100_000_000;

    /// <summary>Failed logins for one nick, or from one address, within <see cref="LoginFailureWindow"/> before logins are refused.</summary>
    [Range(1, 1_000_000)]
    public int LoginFailures { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LoginFailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long logins stay refused after too many failures.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LoginLockout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Accounts one address may register in an hour.</summary>
    [Range(1, 1_000_000_000)]
    public int RegistrationsPerAddressPerHour { get; set; } = 5;

    /// <summary>Guest sessions one address may start in a minute: two a second, more than a busy office's arrivals.</summary>
    [Range(1, 1_000_000_000)]
    public int GuestSessionsPerAddressPerMinute { get; set; } = 120;

    /// <summary>Open streams from one client address, every nick together (the page shares one stream among its tabs).</summary>
    [Range(1, 1_000_000)]
    public int MaxStreamsPerAddress { get; set; } = 256;
}
