using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Vigil.Storage.Sqlite;

/// <summary>One row's values for a prepared statement, bound by 0-based column position.</summary>
internal readonly struct StatementRow(sqlite3_stmt statement)
{
    public void Set(int column, string? value) => Check(value is null
        ? raw.sqlite3_bind_null(statement, column + 1)
        : raw.sqlite3_bind_text16(statement, column + 1, value.AsSpan()));

    public void Set(int column, long value) => Check(raw.sqlite3_bind_int64(statement, column + 1, value));

    public void Set(int column, long? value) => Check(value is { } v
        ? raw.sqlite3_bind_int64(statement, column + 1, v)
        : raw.sqlite3_bind_null(statement, column + 1));

    public void Set(int column, bool value) => Set(column, value ? 1L : 0L);

    public void Set(int column, double value) => Check(raw.sqlite3_bind_double(statement, column + 1, value));

    private static void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) throw new InvalidOperationException($"SQLite bind failed with code {rc}.");
    }
}

/// <summary>
/// A prepared single-row <c>INSERT</c> for one table, run a batch at a time in one transaction; SQLite's change count
/// per execution tells an inserted row from a duplicate. It binds by position through SQLitePCL (the library under
/// Microsoft.Data.Sqlite): Microsoft.Data.Sqlite binds every parameter by name and boxes it, which measured as most of
/// the insert cost. (Multi-row <c>VALUES</c> lists were slower still: the name lookup grows with parameter count.)
/// </summary>
internal sealed class PreparedInsert<T> : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly string _sql;
    private readonly Action<StatementRow, T> _bind;
    private sqlite3_stmt? _statement;

    public PreparedInsert(SqliteConnection connection, string table, IReadOnlyList<string> columns, string conflictClause,
        Action<StatementRow, T> bind)
    {
        _connection = connection;
        _bind = bind;
        var placeholders = string.Join(", ", Enumerable.Repeat("?", columns.Count));
        _sql = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({placeholders}) {conflictClause}";
    }

    /// <summary>Prepared on first use: the store is built before <see cref="SqliteStore.Migrate"/> creates the tables.</summary>
    private sqlite3_stmt Statement()
    {
        if (_statement is null)
        {
            var rc = raw.sqlite3_prepare_v2(_connection.Handle, _sql, out var statement);
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
            _statement = statement;
        }
        return _statement;
    }

    public WriteCounts Run(IReadOnlyList<T> rows, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (rows.Count == 0) return default;
        using var transaction = _connection.BeginTransaction();
        var counts = Insert(rows, ct);
        transaction.Commit();
        return counts;
    }

    /// <summary>
    /// Inserts inside the transaction the caller holds, for writes to several tables that must land together. A cancelled
    /// token stops before the next row; the caller's transaction, not committed, then rolls the batch back.
    /// </summary>
    public WriteCounts Insert(IReadOnlyList<T> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return default;
        var statement = Statement();
        var row = new StatementRow(statement);
        var inserted = 0;
        try
        {
            for (var i = 0; i < rows.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                _bind(row, rows[i]);
                var rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
                inserted += raw.sqlite3_changes(_connection.Handle);
                raw.sqlite3_reset(statement);
            }
        }
        finally
        {
            // A failed step leaves the statement mid-execution; reset it so the rollback is not blocked.
            raw.sqlite3_reset(statement);
        }
        return new WriteCounts(inserted, rows.Count - inserted);
    }

    public void Dispose() => _statement?.Dispose();
}
