using Parley.Chat;

namespace Parley.Diagnostics;

/// <summary>One line per stream opened or closed, as the seed printed <c>connect john from …</c>. Event ids are stable.</summary>
internal static partial class StreamLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Stream opened for {Nick} from {RemoteAddress} ({Format})")]
    public static partial void Opened(ILogger logger, string nick, string remoteAddress, StreamFormat format);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Stream closed for {Nick} from {RemoteAddress}: {Reason}")]
    public static partial void Closed(ILogger logger, string nick, string remoteAddress, StreamCloseReason reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Stream of {Nick} from {RemoteAddress} cut off: {Reason}; everyone else keeps receiving")]
    public static partial void CutOff(ILogger logger, string nick, string remoteAddress, StreamCloseReason reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Stream refused for {Nick} from {RemoteAddress}: {Reason}")]
    public static partial void Refused(ILogger logger, string nick, string remoteAddress, string reason);
}
