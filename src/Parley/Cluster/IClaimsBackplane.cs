using Parley.Storage;

namespace Parley.Cluster;

/// <summary>
/// Tells the other nodes that an account or a guest hold changed here, once the store has the change, so that every
/// node's <c>Accounts/NickClaims</c> (which answers from memory) knows it. One node has nobody to tell (<see cref="NoOtherNodes"/>).
/// </summary>
public interface IClaimsBackplane
{
    void AccountChanged(StoredAccount account);

    void HoldChanged(StoredGuestHold hold);

    void HoldEnded(string nick, string sessionId);
}

/// <summary>The whole chat is this process: nobody else keeps accounts in memory.</summary>
public sealed class NoOtherNodes : IClaimsBackplane
{
    public void AccountChanged(StoredAccount account)
    {
    }

    public void HoldChanged(StoredGuestHold hold)
    {
    }

    public void HoldEnded(string nick, string sessionId)
    {
    }
}
