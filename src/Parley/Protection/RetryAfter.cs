using Parley.Chat;

namespace Parley.Protection;

/// <summary>The <c>Retry-After</c> header of a 429: whole seconds (RFC 9110's delay-seconds), rounded up and at least 1.</summary>
public static class RetryAfter
{
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>Sets the header when <paramref name="rejection"/> says when to come back.</summary>
    public static void Apply(HttpResponse response, Rejection rejection)
    {
        if (rejection.RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = Seconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
