using System.ComponentModel.DataAnnotations;

namespace Parley.Redis;

/// <summary>
/// The Redis that several nodes share, bound from <c>Parley:Redis</c> (<c>--redis HOST:PORT</c>). Used only with
/// <c>--store redis</c>; a single node keeps the SQLite default and never connects to it.
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "Parley:Redis";

    /// <summary>A StackExchange.Redis configuration string: <c>HOST:PORT</c>, optionally followed by <c>,password=…</c> and other options.</summary>
    public string Configuration { get; set; } = "127.0.0.1:6379";

    /// <summary>Every key and channel starts with this, so several chats (or test runs) can share one Redis.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9:._{}-]{1,64}$")]
    public string KeyPrefix { get; set; } = "parley:";

    /// <summary>
    /// How long a node may be silent before the others count it dead and announce its nicks' departure (15 s: three
    /// missed heartbeats, longer than a garbage collection or a brief network stall).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
