using Vigil.Tests.Cli;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Vigil.Cli;

namespace Vigil.Tests.Storage;

/// <summary>
/// Crash consistency, small: `vigil ingest`, `analyze` and `policy apply` are SIGKILLed at seeded random points and
/// re-run; the database then equals an uninterrupted run's table by table (but for when each ran), passes PRAGMA
/// integrity_check, and its decision log verifies. bench/crash/run.sh does the same at 20 points each on more data (docs/BENCHMARKS.md).
/// </summary>
[Collection("console")]
public sealed class KillAndRerunTests : IDisposable
{
    /// <summary>Columns holding when a run happened rather than what it found, and the hashes that cover them.</summary>
    private static readonly Dictionary<string, string[]> RunTimeColumns = new()
    {
        ["schema_migrations"] = ["applied_at"],
        ["analysis_runs"] = ["saved_at"],
        ["decision_events"] = ["at", "prev_hash", "hash"],
    };

    /// <summary>Times inside decision payloads are run times too (a strike runs until 90 days after the run).</summary>
    private static readonly Regex Time = new(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)");

    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-kill-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Ingest_analyze_and_policy_apply_killed_and_re_run_end_as_an_uninterrupted_run()
    {
        var sim = Path.Combine(_folder, "sim");
        Assert.Equal(0, Program.Main(["simulate", "--seed", "3", "--accounts", "200", "--days", "7", "--out", sim]));
        var inputs = Path.Combine(_folder, "inputs.jsonl");
        File.WriteAllLines(inputs, Enumerable.Range(0, 3000).Select(i =>
            $$"""{"post_id":"p{{i}}","author_id":"a{{i % 97}}","code":"{{(i % 3 == 0 ? "dual-loyalty" : "none")}}","p_antisemitic":0.{{i % 10}}5,"confidence":0.9,"model_version":"m1","reach":{{i}}}"""));
        string[][] stages =
        [
            ["ingest", "--in", Path.Combine(sim, "accounts.jsonl"), "--in", Path.Combine(sim, "posts.jsonl"), "--in", Path.Combine(sim, "interactions.jsonl")],
            ["analyze"],
            ["policy", "apply", "--in", inputs],
        ];

        var reference = Path.Combine(_folder, "reference.db");
        var random = new Random(11);
        string? before = null;
        foreach (var stage in stages)
        {
            var started = Stopwatch.GetTimestamp();
            Assert.Equal(0, RunCli(stage, reference));
            var took = Stopwatch.GetElapsedTime(started);
            var expected = State(reference);

            for (var kill = 0; kill < 2; kill++)
            {
                var killed = Path.Combine(_folder, $"killed-{stage[0]}-{kill}.db");
                if (before is not null) File.Copy(before, killed);
                var delay = TimeSpan.FromMilliseconds(random.NextDouble() * took.TotalMilliseconds);
                RunCli(stage, killed, killAfter: delay);
                Assert.Equal(0, RunCli(stage, killed));
                Assert.Equal(expected, State(killed));
                if (stage[0] != "ingest") Assert.Equal(0, RunCli(["log", "verify"], killed));
            }
            before = Path.Combine(_folder, $"after-{stage[0]}.db");
            File.Copy(reference, before);
        }
    }

    /// <summary>Runs the command in its own process (so it can be killed), returning its exit code, or -1 if it was killed.</summary>
    private static int RunCli(string[] arguments, string database, TimeSpan? killAfter = null)
    {
        var (exit, stdout, stderr) = VigilProcess.Run(Directory.GetCurrentDirectory(), killAfter, [.. arguments, "--db", database]);
        Assert.True(exit is 0 or -1, $"vigil {string.Join(' ', arguments)}: exit {exit}\n{stdout}\n{stderr}");
        return exit;
    }

    /// <summary>integrity_check's answer, then per table its row count and a digest of its rows (in a canonical order).</summary>
    private static string State(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var state = new StringBuilder();
        using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check";
            state.AppendLine($"integrity_check: {check.ExecuteScalar()}");
        }
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM {table}" + (table == "decision_events" ? " ORDER BY seq" : "");
            using var reader = select.ExecuteReader();
            var skipped = RunTimeColumns.GetValueOrDefault(table, []);
            var rows = new List<string>();
            while (reader.Read())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!skipped.Contains(reader.GetName(i))) row.Append(reader.GetValue(i)).Append('\u001F');
                }
                rows.Add(table == "decision_events" ? Time.Replace(row.ToString(), "<time>") : row.ToString());
            }
            // The decision log's order is its meaning; other tables are sets.
            if (table != "decision_events") rows.Sort(StringComparer.Ordinal);
            var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', rows))))[..16];
            state.AppendLine($"{table}: {rows.Count} rows {digest}");
        }
        return state.ToString();
    }
}
