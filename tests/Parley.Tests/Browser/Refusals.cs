namespace Parley.Tests.Browser;

/// <summary>The server's reasons (the problem details' <c>detail</c>) as the page shows them, word for word.</summary>
internal static class Refusals
{
    public const string WrongPassword = "wrong nick or password";

    public const string TooManyLoginsForTheNick =
        "too many failed logins for this nick: 5 within 60 s (settings Parley:Limits:LoginFailures, Parley:Limits:LoginFailureWindow); "
        + "logins are refused for 300 s more (setting Parley:Limits:LoginLockout)";

    public static string RegisteredNick(string nick) => $"'{nick}' is a registered nick: log in with its password, or pick another nick";

    public static string HeldByAnotherGuest(string nick) => $"'{nick}' is held by another guest's session; pick another nick";
}
