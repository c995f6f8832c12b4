namespace Parley.Tests.Infrastructure;

/// <summary>
/// The server's log event ids that tests look for. They are stable (operators filter on them; the README lists
/// them), so the tests name the numbers rather than reading them from the server's code.
/// </summary>
internal static class LogEvents
{
    /// <summary>A stream opened: <c>Nick</c>, <c>RemoteAddress</c>, <c>Format</c> (a StreamFormat).</summary>
    public const int StreamOpened = 1;

    /// <summary>A stream closed: <c>Nick</c>, <c>RemoteAddress</c>, <c>Reason</c> (a StreamCloseReason).</summary>
    public const int StreamClosed = 2;

    /// <summary>A slow reader cut off, before its close: <c>Nick</c>, <c>RemoteAddress</c>, <c>Reason</c>.</summary>
    public const int StreamCutOff = 3;

    /// <summary>A request refused for an unreadable body: <c>Method</c>, <c>Path</c>, <c>RemoteAddress</c>, <c>StatusCode</c>, <c>Reason</c>.</summary>
    public const int BodyRefused = 10;
}
