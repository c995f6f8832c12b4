namespace Parley.Bench.Report;

/// <summary>
/// The PHP seed's published figures (../shared/SEED-PROTOCOL.md): ab -n 10000 -c 10, PHP 5.3.10 on one
/// 3.4 GHz QEMU core. Another machine and another load tool, so they sit beside the tables as context only.
/// </summary>
internal static class SeedFigures
{
    public const string Note =
        "The seed's published figures are the PHP 5.3.10 server on one 3.4 GHz QEMU core, measured with " +
        "`ab -n 10000 -c 10` (no keep-alive): another machine and another load tool, so they are context, not a comparison. " +
        "Its 12.5 MB is the server's memory while it served the static test.";

    public static bool Has(string mode) => mode is "static" or "send" or "idle";

    /// <summary>The published figure for this row of the report, or null where the seed published none.</summary>
    public static string? For(ResultCase found, string metric) => (found.Mode, metric) switch
    {
        ("static", "reqPerSec") when found.Has("keepAlive", "false") => "11,601",
        ("send", "sendsPerSec") when !found.Has("keepAlive", "true") => "9,872",
        ("idle", "pssBeforeKib") when found.Is("streams", 0) => "12,800 (12.5 MB)",
        _ => null,
    };
}
