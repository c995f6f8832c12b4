namespace Parley.Chat;

public sealed partial class ChatHub
{
    /// <summary>
    /// Accepts a message from either protocol and routes it: to every stream, to the recipient's streams
    /// with a copy to the sender's, or into the recipient's mailbox while they are offline.
    /// </summary>
    public SendResult Send(string from, string to, string text)
    {
        if (MessageRules.Check(from, to, text, options.CurrentValue) is { } invalid)
        {
            return SendResult.Rejected(invalid);
        }

        SendResult result;
        Subscriber[] dropped;
        lock (_gate)
        {
            result = Route(new ChatMessage(++_sequence, from, to, text, time.GetUtcNow()));
            dropped = SettleDrops();
        }

        if (result.Message is { } accepted)
        {
            metrics.MessageAccepted(accepted.IsBroadcast, result.Delivery);
        }

        SignalDropped(dropped);
        return result;
    }

    private SendResult Route(ChatMessage message)
    {
        var id = message.Id;
        if (message.IsBroadcast)
        {
            EnqueueToEveryone(new Delivery(id, new OutboundEvent(new MessageEvent(message, MessageView.ToAll))));
            return SendResult.Accepted(message, DeliveryState.Online);
        }

        _online.TryGetValue(message.From, out var sender);
        if (_online.TryGetValue(message.To, out var recipient))
        {
            if (recipient != sender)
            {
                EnqueueTo(recipient, new Delivery(id, new OutboundEvent(new MessageEvent(message, MessageView.Received))));
            }

            if (sender is not null)
            {
                EnqueueTo(sender, new Delivery(id, new OutboundEvent(new MessageEvent(message, MessageView.Sent))));
            }

            return SendResult.Accepted(message, DeliveryState.Online);
        }

        if (!mailbox.TryKeep(message.To, message))
        {
            return SendResult.Rejected(MessageRules.MailboxFull(message.To, options.CurrentValue.MaxStoredPerNick));
        }

        if (sender is not null)
        {
            EnqueueTo(sender, new Delivery(id, new OutboundEvent(new MessageEvent(message, MessageView.SentToOffline))));
        }

        return SendResult.Accepted(message, DeliveryState.Stored);
    }
}
