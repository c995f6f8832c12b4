using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Parley.Storage.Sqlite;

/// <summary>
/// Opens <c>parley.db</c> in the data folder the way the store needs it, or says in a
/// <see cref="StoreUnavailableException"/> which path is wrong and what to do: a server that cannot keep messages
/// must not start, and a mistake must never turn into a silently fresh, empty database.
/// </summary>
internal static partial class SqliteStoreFile
{
    public const string FileName = "parley.db";

    // Another process holding the file (a backup tool, a second Parley by mistake) is waited for this long, then reported.
    private const int BusyTimeoutSeconds = 5;

    public static SqliteConnection Open(string folder, ILogger logger)
    {
        folder = Path.GetFullPath(folder);
        var file = Path.Combine(folder, FileName);
        CreateFolder(folder);

        var connection = new SqliteConnection(ConnectionString(file));
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1_000};");
            if (raw.sqlite3_db_readonly(connection.Handle, "main") == 1)
            {
                throw new StoreUnavailableException(
                    $"{file} can only be read: make the file and its folder {folder} writable by the user Parley runs as.");
            }

            // Identify before changing anything: the journal mode below is written into the file itself.
            var version = SqliteSchema.VersionOf(connection, file);
            Configure(connection, file);
            SqliteSchema.Migrate(connection, version, file, logger);
            if (version == 0)
            {
                Log.Created(logger, file);
            }

            return connection;
        }
        catch (SqliteException failure)
        {
            connection.Dispose();
            throw new StoreUnavailableException(Explain(failure, file, folder), failure);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static string ConnectionString(string file) => new SqliteConnectionStringBuilder
    {
        DataSource = file,
        Mode = SqliteOpenMode.ReadWriteCreate,
        // One connection for the store's lifetime; without a pool, closing it really closes the file.
        Pooling = false,
        // Microsoft.Data.Sqlite retries a busy statement itself for this long (30 s unless told): the same wait as SQLite's.
        DefaultTimeout = BusyTimeoutSeconds,
    }.ToString();

    private static void CreateFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException(
                $"The data folder {folder} cannot be created ({failure.Message.TrimEnd('.')}). "
                + "Create it and make it writable by the user Parley runs as, or choose another data folder.",
                failure);
        }
    }

    private static void Configure(SqliteConnection connection, string file)
    {
        // WAL: readers never block the one writer, and a commit appends to the log instead of rewriting pages.
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = command.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new StoreUnavailableException(
                    $"{file} cannot use a write-ahead log (SQLite kept journal mode '{mode}'); put the data folder on a local disk.");
            }
        }

        // FULL: every commit syncs the log to disk, so a message Parley answered for survives a power cut, not
        // just a crash (NORMAL could lose the last commits). Per connection, so set on every open.
        Execute(connection, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Explain(SqliteException failure, string file, string folder)
    {
        var reason = failure.Message.TrimEnd('.'); // "SQLite Error 14: 'unable to open database file'."

        // The primary code: an extended one (SQLITE_IOERR_WRITE, ...) says nothing more to the person starting Parley.
        return (failure.SqliteErrorCode & 0xFF) switch
        {
            raw.SQLITE_NOTADB =>
                $"{file} is not a SQLite database ({reason}), so not Parley's. "
                + "Parley will not overwrite it: move it away or choose another data folder.",
            raw.SQLITE_CANTOPEN or raw.SQLITE_READONLY or raw.SQLITE_PERM or raw.SQLITE_IOERR =>
                $"{file} cannot be opened for writing ({reason}). Make the folder {folder} (and {FileName} in it, if there) "
                + "writable by the user Parley runs as, or choose another data folder.",
            raw.SQLITE_BUSY or raw.SQLITE_LOCKED =>
                $"{file} is locked by another process ({reason}). Is another Parley running on the same data folder?",
            raw.SQLITE_CORRUPT =>
                $"{file} is damaged ({reason}). Restore it from a backup, or move it away to start empty.",
            raw.SQLITE_FULL =>
                $"{file} cannot grow: the disk is full ({reason}). Free some space.",
            _ => $"{file} cannot be opened ({reason}).",
        };
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "Created a new, empty message store {File}")]
        public static partial void Created(ILogger logger, string file);
    }
}
