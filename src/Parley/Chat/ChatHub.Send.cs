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
        Delivery As(MessageView view) => new(message.Id, new OutboundEvent(new MessageEvent(message, view)));

        if (message.IsBroadcast)
        {
            Publish(As(MessageView.ToAll), null);
            return SendResult.Accepted(message, DeliveryState.Online);
        }

        if (_online.ContainsKey(message.To))
        {
            if (!Nick.SameNick(message.To, message.From))
            {
                Publish(As(MessageView.Received), message.To);
            }

            Publish(As(MessageView.Sent), message.From);
            return SendResult.Accepted(message, DeliveryState.Online);
        }

        if (!mailbox.TryKeep(message.To, message))
        {
            return SendResult.Rejected(MessageRules.MailboxFull(message.To, options.CurrentValue.MaxStoredPerNick));
        }

        Publish(As(MessageView.SentToOffline), message.From);
        return SendResult.Accepted(message, DeliveryState.Stored);
    }
}
