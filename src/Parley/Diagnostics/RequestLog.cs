namespace Parley.Diagnostics;

/// <summary>Requests refused for the client's mistake, one line each and no stack trace. Event ids are stable.</summary>
internal static partial class RequestLog
{
    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Request {Method} {Path} from {RemoteAddress} refused with {StatusCode}: {Reason}")]
    public static partial void BodyRefused(ILogger logger, string method, string path, string remoteAddress, int statusCode, string reason);
}
