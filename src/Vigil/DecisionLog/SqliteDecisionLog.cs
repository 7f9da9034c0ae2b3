using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Vigil.Storage;
using Vigil.Storage.Sqlite;

namespace Vigil.DecisionLog;

/// <summary>
/// The decision log in SQLite: the <c>decision_events</c> table (migration 4) in the same database file as the rest of
/// Vigil, one write transaction per appended batch, so concurrent appenders extend one chain. SQLite is in-process: the asynchronous methods complete before they
/// return.
/// </summary>
public sealed class SqliteDecisionLog : IDecisionLog, IDisposable
{
    private const string Columns = DecisionEventRow.Columns;

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;

    /// <summary>Opens the log, creating and migrating the database file when needed, so it can be appended to at once.</summary>
    public SqliteDecisionLog(string path, TimeProvider? time = null)
    {
        Path = path;
        _time = time ?? TimeProvider.System;
        _connection = SqliteDatabase.OpenReadWrite(path);
        try
        {
            SqliteDatabase.Migrate(_connection, _time);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    internal string Path { get; }

    public Task MigrateAsync(CancellationToken ct = default) =>
        Completed.Run(token => SqliteDatabase.Migrate(_connection, _time, token), ct);

    public Task<IReadOnlyList<DecisionEvent>> AppendAsync(IReadOnlyList<DecisionEvent> events, CancellationToken ct = default) =>
        Completed.Run(Append, events, ct);

    private IReadOnlyList<DecisionEvent> Append(IReadOnlyList<DecisionEvent> events, CancellationToken ct)
    {
        var appended = new List<DecisionEvent>(events.Count);
        if (events.Count == 0) return appended;
        // BEGIN IMMEDIATE: the file's write lock is taken before the head is read, so two appenders (other connections,
        // other processes) never seal onto the same head; the second waits (busy timeout) and reads the first's head.
        using var transaction = _connection.BeginTransaction(deferred: false);
        var (sequence, prev) = ReadHead(transaction) is { } head ? (head.Sequence, head.Hash) : (0L, HashChain.Genesis);

        using var insert = _connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO decision_events ({Columns}) VALUES " +
                             "($seq, $id, $type, $at, $subject, $actor, $pv, $mv, $tv, $payload, $prev, $hash) " +
                             "ON CONFLICT(id) DO NOTHING";
        var p = new[] { "$seq", "$id", "$type", "$at", "$subject", "$actor", "$pv", "$mv", "$tv", "$payload", "$prev", "$hash" }
            .Select(name => insert.Parameters.Add(name, name == "$seq" ? SqliteType.Integer : SqliteType.Text))
            .ToArray();
        insert.Prepare();

        // A batch may itself repeat an id (the same subject decided twice in one run); the first one wins.
        var batchIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            ct.ThrowIfCancellationRequested();
            if (!batchIds.Add(e.Id)) continue;
            var sealedEvent = HashChain.Seal(e, sequence + 1, prev);
            p[0].Value = sealedEvent.Sequence;
            p[1].Value = sealedEvent.Id;
            p[2].Value = sealedEvent.Type.ToString();
            p[3].Value = HashChain.FormatTime(sealedEvent.At);
            p[4].Value = sealedEvent.Subject;
            p[5].Value = sealedEvent.Actor;
            p[6].Value = sealedEvent.PolicyVersion;
            p[7].Value = sealedEvent.ModelVersion;
            p[8].Value = sealedEvent.TaxonomyVersion;
            p[9].Value = sealedEvent.Payload;
            p[10].Value = sealedEvent.PrevHash;
            p[11].Value = sealedEvent.Hash;
            // An id already in the log inserts nothing; the chain then stays where it was.
            if (insert.ExecuteNonQuery() == 0) continue;
            sequence++;
            prev = sealedEvent.Hash;
            appended.Add(sealedEvent);
        }
        transaction.Commit();
        return appended;
    }

    public IAsyncEnumerable<DecisionEvent> ReadAllAsync(CancellationToken ct = default) => ReadAfterAsync(0, ct);

    /// <summary>The sequence is the table's primary key, so this reads only what is new.</summary>
    public async IAsyncEnumerable<DecisionEvent> ReadAfterAsync(long sequence, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        await using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM decision_events WHERE seq > $after ORDER BY seq";
        command.Parameters.AddWithValue("$after", sequence);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) yield return DecisionEventRow.Read(reader);
    }

    public Task<LogHead?> HeadAsync(CancellationToken ct = default) => Completed.Run(_ => ReadHead(null), ct);

    private LogHead? ReadHead(SqliteTransaction? transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT seq, hash, at FROM decision_events ORDER BY seq DESC LIMIT 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? new LogHead(reader.GetInt64(0), reader.GetString(1), HashChain.ParseTime(reader.GetString(2))) : null;
    }

    public void Dispose() => _connection.Dispose();

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
