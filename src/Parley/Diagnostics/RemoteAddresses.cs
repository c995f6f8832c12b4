namespace Parley.Diagnostics;

internal static class RemoteAddresses
{
    /// <summary>The client's address and port as log lines name it, e.g. <c>127.0.0.1:40312</c>.</summary>
    public static string RemoteAddressForLog(this HttpContext context) =>
        context.Connection.RemoteIpAddress is { } ip ? $"{ip}:{context.Connection.RemotePort}" : "unknown";
}
