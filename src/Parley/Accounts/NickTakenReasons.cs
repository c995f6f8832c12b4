using Parley.Chat;

namespace Parley.Accounts;

/// <summary>The words for a nick that is not free, the same on every route that refuses one.</summary>
internal static class NickTakenReasons
{
    public static Rejection ForSession(string nick, NickTaken taken) => new(RejectionKind.Conflict, "nick", taken switch
    {
        NickTaken.Registered => $"'{nick}' is a registered nick: log in with its password, or pick another nick",
        NickTaken.HeldByGuest => $"'{nick}' is held by another guest's session; pick another nick",
        _ => $"'{nick}' is in use by someone on the seed routes right now; pick another nick",
    });

    public static Rejection ForSeed(string nick, NickTaken taken) => new(RejectionKind.Forbidden, "nick", taken switch
    {
        NickTaken.Registered => $"'{nick}' is a registered nick: only its owner may use it, by logging in on the page (the seed routes carry no password)",
        _ => $"'{nick}' is held by a guest's session on the page; the seed routes may use only nicks that nobody holds",
    });

    public static Rejection GuestsOff(string what) => new(
        RejectionKind.Forbidden,
        "nick",
        $"{what}: guests are turned off on this server (setting Parley:Auth:AllowGuests), so register or log in on the page");

    public static Rejection NoSession { get; } = new(
        RejectionKind.Unauthenticated,
        "session",
        "this needs a session: start one with POST /api/session (a nick alone for a guest, or a nick and password to log in)");

    public static Rejection NotYours(string session, string asked) => new(
        RejectionKind.Forbidden,
        "nick",
        $"this session is '{session}'; it cannot act as '{asked}'");
}
