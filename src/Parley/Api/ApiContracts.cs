using System.Text.Json;
using System.Text.Json.Serialization;
using Parley.Chat;

namespace Parley.Api;

/// <summary>The body of <c>POST /api/messages</c>.</summary>
public sealed record SendMessageRequest(string? From, string? To, string? Text);

/// <summary>The answer to an accepted message.</summary>
public sealed record SendMessageResponse(long Id, DateTime SentAt, string Delivery);

/// <summary>Source-generated JSON for the API's bodies: no reflection, ready for trimming and Native AOT.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(SendMessageResponse))]
[JsonSerializable(typeof(OnlineUser[]))]
[JsonSerializable(typeof(IReadOnlyList<OnlineUser>))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
