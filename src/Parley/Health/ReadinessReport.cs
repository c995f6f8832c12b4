using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Parley.Health;

/// <summary>
/// The body of <c>/readyz</c>: the overall status and each check's, with the reason of those that fail, as
/// <c>{"status":"Unhealthy","checks":{"store":{"status":"Healthy"},"redis":{"status":"Unhealthy","description":"…"}}}</c>,
/// where a description is always one of Parley's fixed reasons, never an exception's text (the body is public).
/// Logs a change of readiness once, with the exception of a check that threw, since the probes themselves are not logged.
/// </summary>
internal sealed class ReadinessReport(ILogger<ReadinessReport> logger)
{
    private readonly Lock _gate = new();
    private bool _ready = true;

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.RequestServices.GetRequiredService<ReadinessReport>().Observe(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status.ToString());
            json.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject(name);
                json.WriteString("status", entry.Status.ToString());
                if (Reason(entry) is { } reason)
                {
                    json.WriteString("description", reason);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)).AsTask();
    }

    /// <summary>
    /// Why a check fails, in Parley's own words. Parley's checks return fixed reasons and attach no exception; the
    /// health service describes a check that threw with the exception's message (which may name a file, a host or a
    /// query) and one that ran out of time with its own text, attaching the exception both times. Those get a fixed
    /// reason here, and the exception goes to the log only.
    /// </summary>
    private static string? Reason(HealthReportEntry entry) => entry switch
    {
        { Status: HealthStatus.Healthy } => null,
        { Exception: OperationCanceledException } => "the check did not answer in time",
        { Exception: not null } => "the check failed",
        _ => entry.Description,
    };

    private void Observe(HealthReport report)
    {
        var ready = report.Status == HealthStatus.Healthy;
        lock (_gate)
        {
            if (ready == _ready)
            {
                return;
            }

            _ready = ready;
        }

        if (ready)
        {
            HealthLog.Ready(logger);
        }
        else
        {
            var failing = report.Entries.Where(entry => entry.Value.Status != HealthStatus.Healthy).ToArray();
            HealthLog.NotReady(
                logger,
                string.Join(", ", failing.Select(entry => $"{entry.Key} ({Reason(entry.Value)})")),
                failing.Select(entry => entry.Value.Exception).FirstOrDefault(exception => exception is not null));
        }
    }
}
