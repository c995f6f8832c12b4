using System.Net;
using Microsoft.Extensions.Options;
using Parley.Protection;
using Parley.Storage;

namespace Parley.Chat;

/// <summary>
/// Where both protocols hand in a send: it checks the rules, has the store commit the message and answers once the
/// message is stored and queued to live streams. Nothing here blocks: the commit runs on the store thread.
/// </summary>
public sealed class MessageIntake(StoreThread store, SendLimiter limiter, IOptionsMonitor<ChatOptions> options)
{
    /// <param name="address">The client's address, for its send limits; null for a caller inside the process.</param>
    public async Task<SendResult> SendAsync(string? from, string? to, string? text, IPAddress? address = null)
    {
        var settings = options.CurrentValue;
        if ((MessageRules.Check(from, to, text, settings) ?? limiter.TryAcquire(from!, address, text!)) is { } refused)
        {
            return SendResult.Rejected(refused);
        }

        Appended appended;
        try
        {
            appended = await store.CommitAsync(from!, to!, text!);
        }
        catch (StoreUnavailableException unavailable)
        {
            return SendResult.Rejected(new Rejection(RejectionKind.Unavailable, "store", unavailable.Message));
        }

        return appended.Message is { } message
            ? SendResult.Accepted(message, message.Stored ? DeliveryState.Stored : DeliveryState.Online)
            : SendResult.Rejected(MessageRules.MailboxRefused(from!, to!, appended.Refusal!));
    }
}
