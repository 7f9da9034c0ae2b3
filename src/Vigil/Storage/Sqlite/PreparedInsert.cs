using Microsoft.Data.Sqlite;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// A prepared single-row <c>INSERT</c> for one table, run a batch at a time in one transaction; SQLite's change count
/// per execution tells an inserted row from a duplicate. (Multi-row <c>VALUES</c> lists were measured slower:
/// Microsoft.Data.Sqlite binds every parameter by name, and the name lookup grows with the parameter count.)
/// </summary>
internal sealed class PreparedInsert<T> : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _command;
    private readonly Action<SqliteParameterCollection, T> _bind;

    public PreparedInsert(SqliteConnection connection, string table, IReadOnlyList<string> columns, string conflictClause,
        Action<SqliteParameterCollection, T> bind)
    {
        _connection = connection;
        _bind = bind;
        _command = connection.CreateCommand();
        var names = new string[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            names[c] = "$p" + c;
            _command.Parameters.Add(new SqliteParameter(names[c], null));
        }
        _command.CommandText =
            $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", names)}) {conflictClause}";
    }

    public WriteCounts Run(IReadOnlyList<T> rows)
    {
        if (rows.Count == 0) return default;
        using var transaction = _connection.BeginTransaction();
        _command.Transaction = transaction;
        var inserted = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            _bind(_command.Parameters, rows[i]);
            inserted += _command.ExecuteNonQuery();
        }
        transaction.Commit();
        _command.Transaction = null;
        return new WriteCounts(inserted, rows.Count - inserted);
    }

    public void Dispose() => _command.Dispose();
}
