using System.ComponentModel.DataAnnotations;

namespace Parley.Moderation;

/// <summary>Who moderates the chat and how far a ban may reach, bound from <c>Parley:Moderation</c>.</summary>
public sealed class ModerationOptions
{
    public const string Section = "Parley:Moderation";

    /// <summary>
    /// Registered nicks whose logged-in sessions are admins (any letter case). A guest session with one of these nicks is
    /// not: only the account's password makes an admin. None by default: nobody moderates until someone is named.
    /// </summary>
    public string[] Admins { get; set; } = [];

    /// <summary>The longest ban an admin may give: a year, so a forgotten ban ends by itself.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan MaxBanDuration { get; set; } = TimeSpan.FromDays(365);
}
