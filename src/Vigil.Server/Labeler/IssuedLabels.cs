using System.Globalization;
using Microsoft.Data.Sqlite;
using Vigil.Exports;
using Vigil.Storage.Sqlite;

namespace Vigil.Server.Labeler;

/// <summary>A label as the labeler issued it: its place in the labeler's sequence, and the signed label.</summary>
internal sealed record IssuedLabel(long Seq, AtprotoLabel Label);

/// <summary>
/// The labeler's sequence, in the <c>atproto_labels</c> table of the Vigil database: every label it ever issued, signed,
/// numbered in the order it was issued and never renumbered, so a subscriber's cursor means the same thing after a
/// restart. The labels themselves are derived from the decision log (<see cref="AtprotoLabelExporter.Build"/>); this
/// table only remembers which of them were already issued and under which number.
/// </summary>
internal sealed class IssuedLabels
{
    private const string Columns = "seq, src, uri, val, neg, cts, exp, cid, sig";
    private readonly string _databasePath;

    /// <summary>Opens the database's <c>atproto_labels</c> table (migration 6), migrating the database when needed.</summary>
    public IssuedLabels(string databasePath, TimeProvider time)
    {
        _databasePath = databasePath;
        using var connection = Open();
        SqliteDatabase.Migrate(connection, time);
    }

    /// <summary>Issues, in order, each label not issued before (same src, uri, val, neg and cts), signing it with <paramref name="sign"/>.</summary>
    /// <returns>How many were new.</returns>
    public async Task<int> IssueAsync(IReadOnlyList<AtprotoLabel> labels, Func<AtprotoLabel, AtprotoLabel> sign, CancellationToken ct)
    {
        await using var connection = Open();
        var issued = new HashSet<(string, string, string, bool, string)>();
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT src, uri, val, neg, cts FROM atproto_labels";
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                issued.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3) != 0, reader.GetString(4)));
        }
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO atproto_labels (src, uri, val, neg, cts, exp, cid, sig) VALUES ($src, $uri, $val, $neg, $cts, $exp, $cid, $sig)";
        var added = 0;
        foreach (var label in labels)
        {
            if (!issued.Add((label.Src, label.Uri, label.Val, label.Neg, label.Cts))) continue;
            var signed = sign(label);
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$src", signed.Src);
            insert.Parameters.AddWithValue("$uri", signed.Uri);
            insert.Parameters.AddWithValue("$val", signed.Val);
            insert.Parameters.AddWithValue("$neg", signed.Neg ? 1 : 0);
            insert.Parameters.AddWithValue("$cts", signed.Cts);
            insert.Parameters.AddWithValue("$exp", (object?)signed.Exp ?? DBNull.Value);
            insert.Parameters.AddWithValue("$cid", (object?)signed.Cid ?? DBNull.Value);
            insert.Parameters.AddWithValue("$sig", signed.Sig);
            await insert.ExecuteNonQueryAsync(ct);
            added++;
        }
        await transaction.CommitAsync(ct);
        return added;
    }

    /// <summary>The last number issued, 0 before the first label.</summary>
    public async Task<long> LatestAsync(CancellationToken ct)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM atproto_labels";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> labels after <paramref name="after"/>, in sequence order, whose uri matches one of
    /// <paramref name="uriPrefixes"/> exactly or, for a prefix (a pattern that ended in <c>*</c>), by its start; all when null.
    /// </summary>
    public async Task<IReadOnlyList<IssuedLabel>> ReadAsync(long after, int limit, IReadOnlyList<(string Text, bool Prefix)>? uriPatterns,
        CancellationToken ct)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        var where = "seq > $after";
        if (uriPatterns is not null)
        {
            var clauses = new List<string>();
            for (var i = 0; i < uriPatterns.Count; i++)
            {
                var (text, prefix) = uriPatterns[i];
                command.Parameters.AddWithValue("$p" + i, text);
                // substr, not LIKE: a uri may hold % and _, which LIKE would read as wildcards.
                clauses.Add(prefix ? $"substr(uri, 1, length($p{i})) = $p{i}" : $"uri = $p{i}");
            }
            where += clauses.Count == 0 ? " AND 0" : $" AND ({string.Join(" OR ", clauses)})";
        }
        command.CommandText = $"SELECT {Columns} FROM atproto_labels WHERE {where} ORDER BY seq LIMIT $limit";
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$limit", limit);
        var labels = new List<IssuedLabel>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            labels.Add(new IssuedLabel(reader.GetInt64(0), new AtprotoLabel
            {
                Src = reader.GetString(1), Uri = reader.GetString(2), Val = reader.GetString(3), Neg = reader.GetInt64(4) != 0,
                Cts = reader.GetString(5), Exp = reader.IsDBNull(6) ? null : reader.GetString(6),
                Cid = reader.IsDBNull(7) ? null : reader.GetString(7), Sig = (byte[])reader.GetValue(8),
            }));
        }
        return labels;
    }

    private SqliteConnection Open() => SqliteDatabase.OpenReadWrite(_databasePath, pooled: true);
}
