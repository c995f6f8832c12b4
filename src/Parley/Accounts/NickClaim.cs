namespace Parley.Accounts;

/// <summary>Why a nick is not free for a session, worded for the person who asked.</summary>
public enum NickTaken
{
    None,

    /// <summary>Registered: only its password logs in.</summary>
    Registered,

    /// <summary>Held by another guest session.</summary>
    HeldByGuest,

    /// <summary>Online through a stream that no session owns (a seed-route user).</summary>
    InUse,
}
