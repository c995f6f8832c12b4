using Microsoft.Extensions.Logging;

namespace Parley.Tests.Infrastructure;

/// <summary>One entry the server logged: its line ("Category: message"), level and event id, and whether an exception came with it.</summary>
public sealed record LogEntry(LogLevel Level, EventId EventId, string Line, bool HadException);
