using System.Buffers;

namespace Parley.Chat;

/// <summary>The nick rule, shared by both protocols: 1 to 32 of letters, digits, '_', '-', '.'; "all" is reserved.</summary>
public static class Nick
{
    public const int MaxLength = 32;

    /// <summary>The address that means everyone; never a nick.</summary>
    public const string All = "all";

    /// <summary>The same nick in another letter case is the same person.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    public const string Rule = "a nick is 1 to 32 characters of letters, digits, '_', '-' and '.', and 'all' is reserved";

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.");

    public static bool IsValid(string? nick) =>
        nick is { Length: > 0 and <= MaxLength }
        && !nick.AsSpan().ContainsAnyExcept(Allowed)
        && !IsAll(nick);

    public static bool IsAll(string? target) => string.Equals(target, All, StringComparison.OrdinalIgnoreCase);

    public static bool SameNick(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
