namespace Parley.Chat;

public enum StreamCloseReason
{
    ClientDisconnected,
    ServerShutdown,

    /// <summary>The stream's queue was full: its reader is too slow and is cut off so nobody else waits.</summary>
    QueueFull,

    /// <summary>A write did not complete within the write timeout: the reader stopped reading.</summary>
    WriteTimeout,

    /// <summary>The store could not give the stream what it missed (stopping, behind, failing): the client comes back later.</summary>
    StoreUnavailable,

    /// <summary>An admin kicked or banned the stream's nick or address: the client is told why and should not come back at once.</summary>
    Kicked,
}
