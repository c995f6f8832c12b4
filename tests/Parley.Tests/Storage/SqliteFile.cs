using Microsoft.Data.Sqlite;

namespace Parley.Tests.Storage;

/// <summary>A database file looked at or prepared from outside the store, over a connection of its own.</summary>
internal static class SqliteFile
{
    public static object? Scalar(string file, string sql)
    {
        using var connection = Connect(file);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static void Execute(string file, string sql)
    {
        using var connection = Connect(file);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // No pool: the file is closed when the connection is, as it would be for another program.
    private static SqliteConnection Connect(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
