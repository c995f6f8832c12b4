using Microsoft.Data.Sqlite;

namespace Parley.Storage.Sqlite;

/// <summary>
/// Tells a Parley database from anything else at the same path, and brings an older one up to
/// <see cref="SqliteMigrations.Latest"/>. A file Parley cannot vouch for is refused, never written over.
/// </summary>
internal static partial class SqliteSchema
{
    /// <summary>'Prly' in ASCII, in the header's application id: marks the file as Parley's.</summary>
    public const int ApplicationId = 0x50726C79;

    /// <summary>The schema version of the database at <paramref name="file"/>: 0 for a new, empty one. Throws if it is not Parley's or is too new.</summary>
    public static int VersionOf(SqliteConnection connection, string file)
    {
        var applicationId = Pragma(connection, "application_id");
        var version = Pragma(connection, "user_version");
        if (applicationId == 0 && version == 0 && !HasTables(connection))
        {
            return 0; // just created, or an empty file: nothing in it to lose
        }

        if (applicationId != ApplicationId)
        {
            throw new StoreUnavailableException(
                $"{file} is a SQLite database of another application (application id 0x{applicationId:X8}, not Parley's 0x{ApplicationId:X8}). "
                + "Parley will not write into it: move it away or give Parley a data folder of its own.");
        }

        if (version > SqliteMigrations.Latest)
        {
            throw new StoreUnavailableException(
                $"{file} has schema version {version}, newer than version {SqliteMigrations.Latest} that this build of Parley knows: "
                + "a newer Parley wrote it. Run that Parley (or newer), or give this one another data folder; it will not change the file.");
        }

        return (int)version;
    }

    /// <summary>Applies the steps after <paramref name="version"/> in one transaction: a failed migration leaves the file as it was.</summary>
    public static void Migrate(SqliteConnection connection, int version, string file, ILogger logger)
    {
        if (version == SqliteMigrations.Latest)
        {
            return;
        }

        using (var transaction = connection.BeginTransaction())
        {
            for (var step = version; step < SqliteMigrations.Latest; step++)
            {
                Run(connection, transaction, SqliteMigrations.Steps[step]);
            }

            // Both live in the file header and commit with the tables: no half-migrated file ever claims a version.
            Run(connection, transaction, $"PRAGMA application_id = {ApplicationId}; PRAGMA user_version = {SqliteMigrations.Latest};");
            transaction.Commit();
        }

        Log.Migrated(logger, file, version, SqliteMigrations.Latest);
    }

    public static long Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return command.ExecuteScalar() is long value ? value : 0;
    }

    private static bool HasTables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM sqlite_schema);";
        return command.ExecuteScalar() is long and not 0;
    }

    private static void Run(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 32, Level = LogLevel.Information, Message = "Migrated the message store {File} from schema version {From} to {To}")]
        public static partial void Migrated(ILogger logger, string file, int from, int to);
    }
}
