using Microsoft.Data.Sqlite;

namespace Parley.Storage.Sqlite;

/// <summary>The bans table. Each change is its own statement, committed and synced on its own like an account.</summary>
internal sealed class SqliteBans(SqliteConnection connection) : IDisposable
{
    private readonly SqliteStatement _add = new(connection, """
        INSERT INTO bans (kind, target, expires_at, admin, created_at) VALUES ($kind, $target, $until, $by, $created_at) RETURNING id;
        """);

    private readonly SqliteStatement _all = new(connection, "SELECT id, kind, target, expires_at, admin, created_at FROM bans ORDER BY id;");

    private readonly SqliteStatement _remove = new(connection, "DELETE FROM bans WHERE id = $id;");

    public StoredBan Add(StoredBan ban) => ban with
    {
        Id = _add
            .With("$kind", KindName(ban.Kind))
            .With("$target", ban.Target)
            .With("$until", ban.Until.UtcTicks)
            .With("$by", ban.By)
            .With("$created_at", ban.CreatedAt.UtcTicks)
            .Scalar(),
    };

    public IReadOnlyList<StoredBan> All() => _all.Rows(row => new StoredBan(
        row.GetInt64(0),
        row.GetString(1) == KindName(BanKind.Address) ? BanKind.Address : BanKind.Nick,
        row.GetString(2),
        new DateTimeOffset(row.GetInt64(3), TimeSpan.Zero),
        row.GetString(4),
        new DateTimeOffset(row.GetInt64(5), TimeSpan.Zero)));

    public bool Remove(long id) => _remove.With("$id", id).Execute() == 1;

    public void Dispose()
    {
        _add.Dispose();
        _all.Dispose();
        _remove.Dispose();
    }

    private static string KindName(BanKind kind) => kind == BanKind.Address ? "address" : "nick";
}
