namespace Parley.Tests.BadInput.Fuzz;

/// <summary>
/// The nicks the fuzz uses, valid and not. None is a bystander's or the legitimate sender's in any letter case,
/// so nothing the fuzz sends can reach their streams as theirs or add to their counts.
/// </summary>
internal static class FuzzNicks
{
    public const string SeedBystander = "seedwatch";
    public const string JsonBystander = "jsonwatch";
    public const string LegitSender = "legit";

    private static readonly string[] Valid = ["ann", "Bob", "cy.d", "d_e-f", "ANN", "x", "abcdefghijklmnopqrstuvwxyz012345"]; // the last 32 long

    private static readonly string[] Refused = ["abcdefghijklmnopqrstuvwxyz0123456", "all", "ALL", "", "b@d", "jo hn", "ünï", "a/b", "%", ".."];

    public static string Next(Random random) => random.Next(10) switch
    {
        0 => FuzzTargets.RandomSegment(random),
        < 6 => random.Pick(Valid),
        _ => random.Pick(Refused),
    };

    /// <summary>A random segment can by chance spell a reserved nick; it is used only when it does not.</summary>
    public static bool IsReserved(string nick) =>
        nick.Contains(SeedBystander, StringComparison.OrdinalIgnoreCase)
        || nick.Contains(JsonBystander, StringComparison.OrdinalIgnoreCase)
        || nick.Contains(LegitSender, StringComparison.OrdinalIgnoreCase);
}
