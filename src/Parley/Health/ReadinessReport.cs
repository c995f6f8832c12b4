using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Parley.Health;

/// <summary>
/// The body of <c>/readyz</c>: the overall status and each check's, with the reason of those that fail, as
/// <c>{"status":"Unhealthy","checks":{"store":{"status":"Healthy"},"redis":{"status":"Unhealthy","description":"…"}}}</c>.
/// Logs a change of readiness once, since the probes themselves are not logged.
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
                if (entry.Status != HealthStatus.Healthy && entry.Description is { } description)
                {
                    json.WriteString("description", description);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)).AsTask();
    }

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
            HealthLog.NotReady(logger, string.Join(", ", report.Entries.Where(entry => entry.Value.Status != HealthStatus.Healthy).Select(entry => $"{entry.Key} ({entry.Value.Description})")));
        }
    }
}
