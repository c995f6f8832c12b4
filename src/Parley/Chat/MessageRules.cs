using Parley.Storage;

namespace Parley.Chat;

/// <summary>What makes a message acceptable, the same for both protocols. Reasons name the limit and its setting.</summary>
public static class MessageRules
{
    public static Rejection? Check(string? from, string? to, string? text, ChatOptions options)
    {
        if (!Nick.IsValid(from))
        {
            return Invalid("from", $"'{from}' is not a valid nick: {Nick.Rule}");
        }

        if (!Nick.IsAll(to) && !Nick.IsValid(to))
        {
            return Invalid("to", $"'{to}' is neither 'all' nor a valid nick: {Nick.Rule}");
        }

        return CheckText(text, options);
    }

    public static Rejection? CheckNick(string? nick) =>
        Nick.IsValid(nick) ? null : Invalid("nick", $"'{nick}' is not a valid nick: {Nick.Rule}");

    private static Rejection? CheckText(string? text, ChatOptions options)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Invalid("text", "a message needs text: it is empty or only white space");
        }

        if (text.Length > options.MaxTextLength)
        {
            return Invalid("text", $"the text is {text.Length} characters long, more than the {options.MaxTextLength} allowed (setting Parley:Chat:MaxTextLength)");
        }

        foreach (var c in text)
        {
            // Tab and line breaks are kept (the seed stream splits lines into several data: lines); other
            // control characters only ever arrive by mistake or to confuse a terminal.
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return Invalid("text", $"the text contains the control character U+{(int)c:X4}; only tab and line breaks are allowed");
            }
        }

        return null;
    }

    public static Rejection MailboxFull(string nick, int limit) => new(
        RejectionKind.LimitReached,
        "to",
        $"{nick} is offline and already has {limit} waiting messages, the most kept (setting Parley:Chat:MaxStoredPerNick); try again once they have been online");

    /// <summary>A send the store refused because it would go past an offline quota: which one, and its setting.</summary>
    public static Rejection MailboxRefused(string from, string to, MailboxRefusal refusal) => refusal.Quota switch
    {
        MailboxQuota.PerSender => new(
            RejectionKind.LimitReached,
            "from",
            $"{from} already has {refusal.Limit} messages waiting for offline nicks, the most kept per sender (setting Parley:Limits:MaxWaitingPerSender); try again once they have been delivered"),
        MailboxQuota.BytesPerSender => new(
            RejectionKind.LimitReached,
            "from",
            $"this message would take {from}'s messages waiting for offline nicks past {refusal.Limit} bytes of text, the most kept per sender (setting Parley:Limits:MaxWaitingBytesPerSender); try again once they have been delivered"),
        MailboxQuota.ForGuests => new(
            RejectionKind.LimitReached,
            "to",
            $"{to} is offline and not registered, and unregistered nicks already have {refusal.Limit} messages waiting, the most kept for all of them together (setting Parley:Limits:MaxWaitingForGuests); try again later"),
        MailboxQuota.BytesForGuests => new(
            RejectionKind.LimitReached,
            "to",
            $"{to} is offline and not registered, and this message would take the messages waiting for unregistered nicks past {refusal.Limit} bytes of text, the most kept for all of them together (setting Parley:Limits:MaxWaitingBytesForGuests); try again later"),
        _ => MailboxFull(to, (int)refusal.Limit),
    };

    private static Rejection Invalid(string field, string reason) => new(RejectionKind.Invalid, field, reason);
}
