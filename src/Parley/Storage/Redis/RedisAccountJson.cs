using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Storage.Redis;

/// <summary>A guest hold as the GuestHolds hash keeps it: the expiry in the parts a script compares exactly (<see cref="RedisTime"/>).</summary>
internal sealed record RedisGuestHold(string Nick, string SessionId, long ExpiresMs, int ExpiresTicks)
{
    public static RedisGuestHold Of(StoredGuestHold hold)
    {
        var expires = RedisTime.Of(hold.ExpiresAt);
        return new(hold.Nick, hold.SessionId, expires.Milliseconds, expires.Ticks);
    }

    public StoredGuestHold ToHold() => new(Nick, SessionId, new RedisTime(ExpiresMs, ExpiresTicks).ToInstant());
}

/// <summary>
/// The JSON of the account hashes' values. camelCase, because the scripts read and change them by these names
/// (<see cref="RedisScripts.UpdateAccount"/>, <see cref="RedisScripts.SaveGuestHold"/>).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StoredAccount))]
[JsonSerializable(typeof(RedisGuestHold))]
[JsonSerializable(typeof(StoredBan))]
internal sealed partial class RedisAccountJson : JsonSerializerContext;
