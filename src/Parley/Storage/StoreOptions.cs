using System.ComponentModel.DataAnnotations;

namespace Parley.Storage;

public enum StoreKind
{
    /// <summary>One SQLite file in the data folder: the default, with no setup.</summary>
    Sqlite,

    /// <summary>This process's memory: lost on a restart; for tests and throwaway runs.</summary>
    Memory,

    /// <summary>A Redis that several nodes share (<c>--redis HOST:PORT</c>): messages, accounts, presence and fan-out.</summary>
    Redis,
}

/// <summary>Where messages are kept and for how long, bound from <c>Parley:Store</c> (<c>--store</c>, <c>--data-dir</c>; <c>--redis</c> for <see cref="Parley.Redis.RedisOptions"/>).</summary>
public sealed class StoreOptions
{
    public const string Section = "Parley:Store";

    public StoreKind Kind { get; set; } = StoreKind.Sqlite;

    /// <summary>The data folder, relative to the working directory unless absolute.</summary>
    [Required]
    public string DataDir { get; set; } = "data";

    /// <summary>30 days: a month of scroll-back, after which a chat's words are not kept.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan RetentionAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>10,000 messages per conversation (the room, each pair of nicks): bounds the disk one busy conversation takes.</summary>
    [Range(1, 100_000_000)]
    public int RetentionPerConversation { get; set; } = 10_000;

    /// <summary>How often retention removes what it no longer keeps.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Messages read from the store per step of a resuming stream's catch-up, so a long gap never sits in memory whole.</summary>
    [Range(1, 100_000)]
    public int CatchUpPageSize { get; set; } = 1_000;
}
