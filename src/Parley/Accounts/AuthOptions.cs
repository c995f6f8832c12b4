using System.ComponentModel.DataAnnotations;

namespace Parley.Accounts;

/// <summary>Who may use a nick, bound from <c>Parley:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Parley:Auth";

    /// <summary>
    /// Guests pick a free nick with no password, as in the seed. Off: only registered accounts chat, and the seed
    /// routes (which are guest-only) answer 403.
    /// </summary>
    public bool AllowGuests { get; set; } = true;

    /// <summary>How long a guest's nick stays held after the guest's last request; while any stream of the nick is open it stays held anyway.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan GuestIdleTimeout { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a session cookie lasts without use; every use past half of it renews it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(30);

    [Range(1, 1024)]
    public int MinPasswordLength { get; set; } = 8;

    /// <summary>Longer passwords are refused before hashing: hashing costs time per character.</summary>
    [Range(8, 4096)]
    public int MaxPasswordLength { get; set; } = 256;
}
