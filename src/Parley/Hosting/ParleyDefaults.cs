namespace Parley.Hosting;

/// <summary>Defaults that live in configuration keys, added below every other source so any of them can override.</summary>
internal static class ParleyDefaults
{
    public static IConfigurationBuilder AddParleyDefaults(this IConfigurationBuilder configuration)
    {
        var defaults = new Dictionary<string, string?>
        {
            // The seed's port.
            ["Urls"] = "http://localhost:8000",

            // A chat message is a few KB at most; 64 KB leaves room for JSON escaping of the longest text.
            ["Kestrel:Limits:MaxRequestBodySize"] = "65536",

            // A client gets 10 s to send its request's headers (Kestrel's default is 30 s): a browser or curl needs
            // milliseconds, and a slow-loris client holds a connection for less time.
            ["Kestrel:Limits:RequestHeadersTimeout"] = "00:00:10",

            // One line per event on the console; Logging:Console:FormatterName=json for a log shipper.
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:Console:FormatterOptions:SingleLine"] = "true",
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffK ",
            ["Logging:LogLevel:Default"] = "Information",

            // The per-request lines of ASP.NET Core would bury the stream lines.
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",

            // While this category logs at all, ASP.NET Core makes an Activity and a log scope for every request, which an
            // open stream keeps for its whole life (about 500 bytes; bench/findings.md). At Warning and above it says only
            // that the application failed to start, which ends the process with the exception on stderr anyway.
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "None",

            // A failing check would log an error per probe; Parley logs a change of readiness once instead (events 90, 91).
            ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "None",
        };

        if (configuration is IConfigurationManager manager)
        {
            manager.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = defaults });
        }

        return configuration;
    }
}
