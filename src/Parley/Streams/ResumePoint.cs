using System.Globalization;
using Parley.Chat;

namespace Parley.Streams;

/// <summary>
/// Where a reconnecting JSON stream resumes: EventSource sends the last id it saw as <c>Last-Event-ID</c>
/// when it reconnects by itself; a page opening a fresh EventSource (a tab taking over the shared stream)
/// can only pass it in the query, as <c>lastEventId</c>. The header is the newer of the two.
/// </summary>
public static class ResumePoint
{
    public static readonly Rejection Invalid = new(
        RejectionKind.Invalid, "lastEventId", "Last-Event-ID and lastEventId must be a whole number: the id: of the last event the client saw");

    public static bool TryRead(HttpRequest request, out long? resumeAfter)
    {
        resumeAfter = null;
        string? value = request.Headers["Last-Event-ID"];
        if (string.IsNullOrEmpty(value))
        {
            value = request.Query["lastEventId"];
        }

        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var lastSeen))
        {
            return false;
        }

        resumeAfter = lastSeen;
        return true;
    }
}
