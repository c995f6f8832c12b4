namespace Parley.Tests.BadInput.Fuzz;

/// <summary>
/// The nicks the fuzz uses, valid and not. The random ones are never a bystander's in any letter case, so nothing
/// drawn at random can reach their streams as theirs; look-alikes of the bystanders come from <see cref="FuzzLookAlikes"/>,
/// with the answer each must get.
/// </summary>
internal static class FuzzNicks
{
    /// <summary>Logged in to an account; a JSON stream.</summary>
    public const string RegisteredBystander = "regwatch";

    /// <summary>A guest session; a JSON stream.</summary>
    public const string GuestBystander = "guestwatch";

    /// <summary>A seed stream, and a seed-route sender: unprotected by design, so the fuzz never sends as it.</summary>
    public const string SeedBystander = "seedwatch";

    /// <summary>A guest session kept out of the random requests, so every look-alike it tries has one exact answer.</summary>
    public const string Mimic = "mimic";

    /// <summary>A seed-route sender that no session ever holds: its sends fail only for what they carry.</summary>
    public const string SeedMimic = "lookout";

    /// <summary>A guest and an account whose cookies the random requests carry, whole, cut short or bent.</summary>
    public const string FuzzGuest = "fuzzguest";

    public const string FuzzAccount = "fuzzacct";

    public const string FuzzAccountPassword = "fuzz password 1";

    public static readonly string[] Bystanders = [RegisteredBystander, GuestBystander, SeedBystander];

    private static readonly string[] Valid = ["ann", "Bob", "cy.d", "d_e-f", "ANN", "x", "abcdefghijklmnopqrstuvwxyz012345"]; // the last 32 long

    private static readonly string[] Refused = ["abcdefghijklmnopqrstuvwxyz0123456", "all", "ALL", "", "b@d", "jo hn", "ünï", "a/b", "%", ".."];

    public static string Next(Random random) => random.Next(12) switch
    {
        0 => FuzzTargets.RandomSegment(random),
        1 => FuzzLookAlikes.Distinct(random, random.Pick(Bystanders)), // 'regwatch.': another nick, free to take
        < 7 => random.Pick(Valid),
        _ => random.Pick(Refused),
    };

    /// <summary>A random segment can by chance spell a reserved nick; it is used only when it does not.</summary>
    public static bool IsReserved(string nick) =>
        Bystanders.Any(bystander => nick.Contains(bystander, StringComparison.OrdinalIgnoreCase))
        || nick.Contains(Mimic, StringComparison.OrdinalIgnoreCase)
        || nick.Contains(SeedMimic, StringComparison.OrdinalIgnoreCase);
}
