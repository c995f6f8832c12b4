namespace Parley.Chat;

/// <summary>
/// Keeps direct messages for nicks that are offline until they come online. The seam for the durable store:
/// the hub calls it under its lock, so an implementation must be quick and must not call back into the hub.
/// </summary>
public interface IOfflineMailbox
{
    /// <summary>Keeps a message for <paramref name="nick"/>; false when that nick's mailbox is full.</summary>
    bool TryKeep(string nick, ChatMessage message);

    /// <summary>Removes and returns the messages waiting for <paramref name="nick"/>, oldest first.</summary>
    IReadOnlyList<ChatMessage> TakeAll(string nick);
}
