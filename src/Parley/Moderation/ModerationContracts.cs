using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Moderation;

/// <summary>The body of <c>POST /api/admin/kicks</c>.</summary>
public sealed record KickRequest(string? Nick);

/// <summary>A kick done: <paramref name="Streams"/> is how many of the nick's streams this node closed (other nodes close theirs).</summary>
public sealed record KickResponse(string Nick, int Streams);

/// <summary>The body of <c>POST /api/admin/bans</c>: a nick or an address, and for how many minutes.</summary>
public sealed record BanRequest(string? Nick, string? Address, int? Minutes);

/// <summary>A ban as the API shows it: <paramref name="Nick"/> or <paramref name="Address"/>, until when, by which admin.</summary>
public sealed record BanResponse(long Id, string? Nick, string? Address, DateTime Until, string By);

/// <summary>One stream on this node: <c>seed</c> or <c>json</c>, the client's address, when it opened.</summary>
public sealed record StreamHere(string Format, string Address, DateTime OpenedAt);

public sealed record OnlineNick(string Nick, IReadOnlyList<StreamHere> Streams);

/// <summary>Who is online: with their streams on this node, and (on several nodes) the nicks whose streams are all on others.</summary>
public sealed record OnlineResponse(IReadOnlyList<OnlineNick> Nicks, IReadOnlyList<string> Elsewhere);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(KickRequest))]
[JsonSerializable(typeof(KickResponse))]
[JsonSerializable(typeof(BanRequest))]
[JsonSerializable(typeof(BanResponse))]
[JsonSerializable(typeof(IReadOnlyList<BanResponse>))]
[JsonSerializable(typeof(OnlineResponse))]
internal sealed partial class ModerationJsonContext : JsonSerializerContext;
