using System.Text.Json;
using System.Text.Json.Serialization;
using Parley.Chat;

namespace Parley.Api;

/// <summary>The body of <c>POST /api/messages</c>.</summary>
public sealed record SendMessageRequest(string? From, string? To, string? Text);

/// <summary>The body of <c>POST /api/session</c>: a nick alone starts a guest session, with a password it logs in.</summary>
public sealed record SessionRequest(string? Nick, string? Password);

/// <summary>The body of <c>POST /api/accounts</c>.</summary>
public sealed record AccountRequest(string? Nick, string? Password);

/// <summary>The body of <c>PUT /api/account/password</c>.</summary>
public sealed record PasswordChangeRequest(string? Password, string? NewPassword);

/// <summary>Who the session speaks for: <c>guest</c> or <c>registered</c>, and whether it is an admin's (<c>Parley:Moderation:Admins</c>).</summary>
public sealed record SessionResponse(string Nick, string Kind, bool Admin);

/// <summary>The answer to an accepted message.</summary>
public sealed record SendMessageResponse(long Id, DateTime SentAt, string Delivery);

/// <summary>A message as history shows it: as a stream's message event carries it.</summary>
public sealed record HistoryMessage(long Id, string From, string To, string Text, DateTime SentAt, bool Stored);

/// <summary>One page of a conversation, newest first; <paramref name="Before"/> asks for the next older page, null at the start.</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryMessage> Messages, long? Before);

/// <summary>Source-generated JSON for the API's bodies: no reflection, ready for trimming and Native AOT.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(SessionRequest))]
[JsonSerializable(typeof(AccountRequest))]
[JsonSerializable(typeof(PasswordChangeRequest))]
[JsonSerializable(typeof(SessionResponse))]
[JsonSerializable(typeof(SendMessageResponse))]
[JsonSerializable(typeof(HistoryPage))]
[JsonSerializable(typeof(OnlineUser[]))]
[JsonSerializable(typeof(IReadOnlyList<OnlineUser>))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
