using Microsoft.Data.Sqlite;

namespace Parley.Storage.Sqlite;

/// <summary>
/// One SQL statement compiled once for the store's connection and run again with new values: SQLite parses and
/// plans it once, not once per message. Only the store thread uses it, one call at a time.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly SqliteCommand _command;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        _command.Prepare();
    }

    /// <summary>Sets <paramref name="parameter"/> (named as in the SQL, with its <c>$</c>) for the next run.</summary>
    public SqliteStatement With(string parameter, object value)
    {
        var parameters = _command.Parameters;
        var index = parameters.IndexOf(parameter);
        if (index < 0)
        {
            parameters.AddWithValue(parameter, value);
        }
        else
        {
            parameters[index].Value = value;
        }

        return this;
    }

    /// <summary>Runs it and returns how many rows it changed.</summary>
    /// <param name="transaction">The connection's open transaction, or null outside one: Microsoft.Data.Sqlite insists they match.</param>
    public int Execute(SqliteTransaction? transaction = null)
    {
        _command.Transaction = transaction;
        return _command.ExecuteNonQuery();
    }

    /// <summary>Runs it and returns the first column of its first row as an integer, 0 when there is no row or it is NULL.</summary>
    public long Scalar(SqliteTransaction? transaction = null)
    {
        _command.Transaction = transaction;
        return _command.ExecuteScalar() is long value ? value : 0;
    }

    /// <summary>Runs it and turns each row into a <typeparamref name="T"/>.</summary>
    public List<T> Rows<T>(Func<SqliteDataReader, T> read, SqliteTransaction? transaction = null)
    {
        _command.Transaction = transaction;
        using var reader = _command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public void Dispose() => _command.Dispose();
}
