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

    private static Rejection Invalid(string field, string reason) => new(RejectionKind.Invalid, field, reason);
}
