using System.ComponentModel.DataAnnotations;

namespace Parley.Health;

/// <summary>How readiness is checked, bound from <c>Parley:Health</c>.</summary>
public sealed class HealthOptions
{
    public const string Section = "Parley:Health";

    /// <summary>
    /// 800 ms for the store to answer a readiness probe: under the 1 s a kubelet probe waits by default, so the prober
    /// reads Parley's 503 and which check failed instead of its own timeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(800);
}
