using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Vigil.Model;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// The current row of a statement, read by 0-based column position. Text comes straight from SQLite's UTF-8;
/// <see cref="Repeated"/> gives one string for a value that repeats row after row (versions, languages), and enums are
/// parsed from the bytes without a string.
/// </summary>
internal sealed class StatementColumns(sqlite3_stmt statement, string source)
{
    private readonly (byte[] Utf8, string Text)?[] _repeated = new (byte[], string)?[raw.sqlite3_column_count(statement)];

    public bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

    public long Int64(int column) => raw.sqlite3_column_int64(statement, column);

    public int Int32(int column) => raw.sqlite3_column_int(statement, column);

    public bool Boolean(int column) => Int64(column) != 0;

    public double Double(int column) => raw.sqlite3_column_double(statement, column);

    /// <summary>A text column's value; SQL NULL reads as "" (the columns read this way are NOT NULL).</summary>
    public string String(int column) => Encoding.UTF8.GetString(raw.sqlite3_column_blob(statement, column));

    public string? OptionalString(int column) => IsNull(column) ? null : String(column);

    public DateTimeOffset? OptionalTime(int column) => IsNull(column) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Int64(column));

    /// <summary>The same string as the previous row's when the column's bytes are unchanged.</summary>
    public string Repeated(int column)
    {
        var utf8 = raw.sqlite3_column_blob(statement, column);
        if (_repeated[column] is { } last && utf8.SequenceEqual(last.Utf8)) return last.Text;
        var text = Encoding.UTF8.GetString(utf8);
        _repeated[column] = (utf8.ToArray(), text);
        return text;
    }

    public TEnum Enum<TEnum>(int column) where TEnum : struct, Enum
    {
        var utf8 = raw.sqlite3_column_blob(statement, column);
        Span<char> name = stackalloc char[64];
        if (utf8.Length <= name.Length && Encoding.UTF8.TryGetChars(utf8, name, out var length)
            && Kebab.TryParse<TEnum>(name[..length], out var value))
            return value;
        throw new InvalidDataException(
            $"{source}: column {raw.sqlite3_column_name(statement, column).utf8_to_string()} holds '{String(column)}', not a known {typeof(TEnum).Name}.");
    }
}

/// <summary>
/// A query's rows through SQLitePCL's statement API (the library under Microsoft.Data.Sqlite), for every read of the
/// SQLite store; the ones that count stream whole tables (posts, interactions, assessments), millions of rows at a time.
/// Microsoft.Data.Sqlite's reader checks each column's type and nullness again inside every getter, half of mapping an
/// assessment at 10M posts (docs/BENCHMARKS.md); here each value is read once, by position, and parameters are bound by
/// position as the inserts bind theirs (<see cref="StatementRow"/>).
/// </summary>
internal static class PreparedRead
{
    /// <param name="source">Named in the error when a value cannot be read (the database file).</param>
    /// <param name="parameters">Bound in order of first appearance to the statement's parameters: text or an integer.</param>
    public static IEnumerable<T> Rows<T>(SqliteConnection connection, string source, string sql, IReadOnlyList<object> parameters,
        Func<StatementColumns, T> map, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement);
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        using (statement)
        {
            var bind = new StatementRow(statement);
            for (var i = 0; i < parameters.Count; i++)
            {
                switch (parameters[i])
                {
                    case string text: bind.Set(i, text); break;
                    case int number: bind.Set(i, number); break;
                    case long number: bind.Set(i, number); break;
                    case var other: throw new ArgumentException($"a parameter of type {other.GetType().Name} cannot be bound", nameof(parameters));
                }
            }
            var columns = new StatementColumns(statement, source);
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                rc = raw.sqlite3_step(statement);
                if (rc == raw.SQLITE_DONE) yield break;
                if (rc != raw.SQLITE_ROW) SqliteException.ThrowExceptionForRC(rc, connection.Handle);
                yield return map(columns);
            }
        }
    }
}
