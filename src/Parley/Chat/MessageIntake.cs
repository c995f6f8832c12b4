using System.Net;
using Microsoft.Extensions.Options;
using Parley.Diagnostics;
using Parley.Moderation;
using Parley.Protection;
using Parley.Storage;

namespace Parley.Chat;

/// <summary>
/// Where both protocols hand in a send: it checks the rules, has the store commit the message and answers once the
/// message is stored and queued to live streams. Nothing here blocks: the commit runs on the store thread.
/// </summary>
public sealed class MessageIntake(StoreThread store, SendLimiter limiter, BanList bans, IOptionsMonitor<ChatOptions> options, LimitMetrics limits)
{
    /// <param name="address">The client's address, for its send limits; null for a caller inside the process.</param>
    public async Task<SendResult> SendAsync(string? from, string? to, string? text, IPAddress? address = null)
    {
        var settings = options.CurrentValue;
        if ((MessageRules.Check(from, to, text, settings) ?? bans.Refusal(from, address) ?? limiter.TryAcquire(from!, address, text!)) is { } refused)
        {
            if (refused.Kind == RejectionKind.LimitReached)
            {
                limits.Refused(RefusedLimit.Send); // the rules refuse with 400 only; a 429 here is a send bucket
            }

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

        if (appended.Message is { } message)
        {
            return SendResult.Accepted(message, message.Stored ? DeliveryState.Stored : DeliveryState.Online);
        }

        limits.Refused(appended.Refusal!.Quota switch
        {
            MailboxQuota.PerSender or MailboxQuota.BytesPerSender => RefusedLimit.WaitingPerSender,
            MailboxQuota.ForGuests or MailboxQuota.BytesForGuests => RefusedLimit.WaitingForGuests,
            _ => RefusedLimit.Mailbox,
        });
        return SendResult.Rejected(MessageRules.MailboxRefused(from!, to!, appended.Refusal!));
    }
}
