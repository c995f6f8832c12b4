using Microsoft.Extensions.Logging;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// One entry the server logged: its category, level, event id, the structured state's named values (a
/// <c>[LoggerMessage]</c>'s placeholders, e.g. <c>Nick</c>, <c>RemoteAddress</c>, <c>Reason</c>, as the objects
/// passed) and whether an exception came with it. Tests assert on these, never on the message's words: the text
/// may be reworded freely, the event ids and their values are the contract operators build on.
/// </summary>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, IReadOnlyDictionary<string, object?> State, bool HadException)
{
    /// <summary>The formatted message, for failure output only.</summary>
    public required string Message { get; init; }

    /// <summary>The named value <paramref name="key"/> of the state, or null when it has none.</summary>
    public object? this[string key] => State.GetValueOrDefault(key);

    public override string ToString() => $"{Level} {Category}[{EventId.Id}]: {Message}";
}
