using Npgsql;

namespace Vigil.Postgres;

/// <summary>
/// A table's columns, and how one record becomes one row of a binary COPY into it (or into a table shaped like it).
/// <paramref name="keyColumns"/> leading columns make its primary key, when staged rows are merged by key.
/// </summary>
internal sealed class CopyTable<T>(string name, string[] columns, Action<NpgsqlBinaryImporter, T> writeRow, int keyColumns = 0)
{
    public string Name { get; } = name;

    public string[] Columns { get; } = columns;

    public string ColumnList { get; } = string.Join(", ", columns);

    /// <summary>The key columns, comma-separated.</summary>
    public string KeyList { get; } = string.Join(", ", columns[..keyColumns]);

    /// <summary>
    /// COPYs <paramref name="rows"/> into <paramref name="target"/> on <paramref name="connection"/>, inside the caller's
    /// transaction. Rows are written synchronously into Npgsql's buffer (see <see cref="PostgresStore"/>); a cancelled
    /// or failed COPY is aborted when the importer is disposed uncompleted, and the caller's transaction rolls back.
    /// </summary>
    public async Task CopyAsync(NpgsqlConnection connection, string target, IEnumerable<T> rows, CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {target} ({ColumnList}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            importer.StartRow();
            writeRow(importer, row);
        }
        await importer.CompleteAsync(ct);
    }
}
