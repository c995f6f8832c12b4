using System.Text.Json;
using System.Text.Json.Serialization;
using Parley.Chat;

namespace Parley.Api;

/// <summary>The body of <c>POST /api/messages</c>.</summary>
public sealed record SendMessageRequest(string? From, string? To, string? Text);

/// <summary>The answer to an accepted message.</summary>
public sealed record SendMessageResponse(long Id, DateTime SentAt, string Delivery);

/// <summary>A message as history shows it: as a stream's message event carries it.</summary>
public sealed record HistoryMessage(long Id, string From, string To, string Text, DateTime SentAt, bool Stored);

/// <summary>One page of a conversation, newest first; <paramref name="Before"/> asks for the next older page, null at the start.</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryMessage> Messages, long? Before);

/// <summary>Source-generated JSON for the API's bodies: no reflection, ready for trimming and Native AOT.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(SendMessageResponse))]
[JsonSerializable(typeof(HistoryPage))]
[JsonSerializable(typeof(OnlineUser[]))]
[JsonSerializable(typeof(IReadOnlyList<OnlineUser>))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
