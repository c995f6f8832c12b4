namespace Parley.Storage;

/// <summary>
/// Whether a nick is registered, as the store thread asks it for every message that is to wait in a mailbox: messages
/// for nicks nobody registered count against the guests' quota. Asked on the store thread for each such draft, so an
/// implementation answers from memory, never from the disk.
/// </summary>
public interface IRegisteredNicks
{
    bool IsRegistered(string nick);
}

/// <summary>Until accounts are in place nobody is registered: every offline nick is a guest's.</summary>
public sealed class NobodyRegistered : IRegisteredNicks
{
    public bool IsRegistered(string nick) => false;
}
