using Parley.Storage;

namespace Parley.Chat;

public sealed partial class ChatHub
{
    public int MailboxLimit => options.CurrentValue.MaxStoredPerNick;

    public void StartAfter(long lastId)
    {
        lock (_gate)
        {
            _lastPublished = lastId;
        }
    }

    /// <summary>Whether <paramref name="nick"/> has a stream open on any node; asked by the store thread for each direct message it is about to commit.</summary>
    public bool IsOnline(string nick)
    {
        lock (_gate)
        {
            return _spansNodes ? _everywhere.Contains(nick) : _online.ContainsKey(nick);
        }
    }

    /// <summary>
    /// Routes messages the store committed, in commit order: to every stream, to the recipient's streams with a copy
    /// to the sender's, or only to the sender's when it waits in the recipient's mailbox (the recipient's first
    /// stream reads it from the store).
    /// </summary>
    public IReadOnlyList<ChatMessage> Publish(IReadOnlyList<ChatMessage> committed)
    {
        Subscriber[] dropped;
        List<ChatMessage>? missed = null;
        lock (_gate)
        {
            foreach (var message in committed)
            {
                if (!Route(message))
                {
                    (missed ??= []).Add(message);
                }

                _lastPublished = message.Id;
            }

            dropped = SettleDrops();
        }

        foreach (var message in committed)
        {
            metrics.MessageAccepted(message.IsBroadcast, message.Stored ? DeliveryState.Stored : DeliveryState.Online);
        }

        SignalDropped(dropped);
        return (IReadOnlyList<ChatMessage>?)missed ?? [];
    }

    /// <summary>
    /// False for a live direct message whose recipient no longer has a stream: here, and on several nodes on any other
    /// as far as this one knows, or its last stream closed here a moment ago. The store keeps it waiting unless the
    /// shared presence counts a stream for the recipient after all; a mailbox holds a message once.
    /// </summary>
    private bool Route(ChatMessage message)
    {
        Delivery As(MessageView view) => new(++_sequence, new OutboundEvent(new MessageEvent(message, view)));

        if (message.IsBroadcast)
        {
            Publish(As(MessageView.ToAll), null);
        }
        else if (message.Stored)
        {
            Publish(As(MessageView.SentToOffline), message.From);
        }
        else
        {
            if (!Nick.SameNick(message.To, message.From))
            {
                if (!_online.ContainsKey(message.To))
                {
                    Publish(As(MessageView.Sent), message.From);
                    return _spansNodes && _everywhere.Contains(message.To) && !_leftHere.Contains(message.To); // another node delivers it
                }

                Publish(As(MessageView.Received), message.To);
            }

            Publish(As(MessageView.Sent), message.From);
        }

        return true;
    }
}
