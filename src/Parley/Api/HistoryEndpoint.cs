using System.Globalization;
using Parley.Chat;
using Parley.Storage;

namespace Parley.Api;

/// <summary>
/// <c>GET /api/history?nick=&amp;with=&amp;before=&amp;limit=</c>: one conversation of a nick (or, without <c>with</c>, all
/// of them), newest first, a page at a time.
/// Only the session's own conversations: the nick is the session's (a <c>nick</c> parameter, if any, must match it).
/// </summary>
internal static class HistoryEndpoint
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static async Task<IResult> GetAsync(HttpRequest request, StoreThread store)
    {
        var query = request.Query;
        var (session, noSession) = ApiEndpoints.SessionOf(request.HttpContext, query["nick"]);
        if (noSession is not null)
        {
            return Problems.From(noSession);
        }

        var nick = session!.Nick;

        // Without 'with', everything the nick was part of: the page shows the room and its direct messages in one timeline.
        var with = query["with"].ToString() is { Length: > 0 } given ? given : null;
        if (with is not null && !Nick.IsAll(with) && !Nick.IsValid(with))
        {
            return Problems.From(Invalid("with", $"'{with}' is neither 'all' (the room) nor a valid nick (a direct conversation): {Nick.Rule}"));
        }

        if (!TryReadNumber(query["before"], long.MaxValue, out var before) || before < 1)
        {
            return Problems.From(Invalid("before", "before must be a message id, a whole number above 0: the page ends just before it"));
        }

        if (!TryReadNumber(query["limit"], DefaultLimit, out var limit) || limit is < 1 or > MaxLimit)
        {
            return Problems.From(Invalid("limit", $"limit must be a whole number from 1 to {MaxLimit}"));
        }

        IReadOnlyList<ChatMessage> page;
        try
        {
            page = await store.RunAsync(s => s.History(nick, with, before, (int)limit));
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            var reason = failure is StoreUnavailableException ? failure.Message : $"the store could not be read ({failure.Message}); try again";
            return Problems.From(new Rejection(RejectionKind.Unavailable, "store", reason));
        }

        var messages = page.Select(m => new HistoryMessage(m.Id, m.From, m.To, m.Text, m.SentAt.UtcDateTime, m.Stored)).ToArray();
        var next = page.Count == limit ? page[^1].Id : (long?)null;
        return TypedResults.Ok(new HistoryPage(messages, next));
    }

    private static bool TryReadNumber(string? value, long fallback, out long number)
    {
        if (string.IsNullOrEmpty(value))
        {
            number = fallback;
            return true;
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    private static Rejection Invalid(string field, string reason) => new(RejectionKind.Invalid, field, reason);
}
