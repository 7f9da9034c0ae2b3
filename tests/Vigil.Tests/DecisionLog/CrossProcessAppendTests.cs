using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Vigil.Tests.Cli;
using Vigil.Tests.Postgres;
using Vigil.Tests.Support;

namespace Vigil.Tests.DecisionLog;

/// <summary>
/// Several OS processes appending to one decision log at once, as several `vigil` commands, workers or servers on one
/// database do: each `vigil policy apply` below decides posts of its own authors (so what each appends does not depend on
/// the others) in several append batches, all started together. The chain must verify and hold every event each
/// process reported appending, once. The in-process contract (<see cref="ConcurrentAppendContractTests"/>) shares one
/// process's pool and locks; these share only the database.
/// </summary>
public sealed partial class CrossProcessAppendTests : IAsyncLifetime
{
    private const int Processes = 4;
    // Every second post is decided: with its strike and the restrictions strikes trigger, over 10,000 events per process,
    // more than one append batch (EnforcementEngine appends 10,000 at a time).
    private const int PostsPerProcess = 12_000;

    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-cross-append-").FullName;
    private PostgresTestSchema? _schema;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_schema is not null) await _schema.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Processes_appending_to_one_sqlite_file_at_once_leave_one_intact_chain_with_every_event_once() =>
        AppendAtOnceAndVerify(Path.Combine(_folder, "shared.db"));

    [PostgresFact]
    public void Processes_appending_to_one_postgres_schema_at_once_leave_one_intact_chain_with_every_event_once()
    {
        _schema = PostgresTestSchema.Create();
        AppendAtOnceAndVerify(_schema.Url);
    }

    private void AppendAtOnceAndVerify(string db)
    {
        var inputs = Enumerable.Range(0, Processes).Select(Inputs).ToList();
        var running = inputs.Select(file => VigilProcess.Start(_folder, "policy", "apply", "--in", file, "--db", db)).ToList();
        var appended = new List<long>();
        foreach (var process in running)
        {
            using (process)
            {
                var (exit, stdout, stderr) = process.WaitForExit(TimeSpan.FromMinutes(4));
                Assert.True(exit == 0, stderr);
                appended.Add(long.Parse(EventsAppended().Match(stdout).Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }
        // The processes' inputs differ only in their ids: each appended as many events, and not one was a duplicate skipped.
        Assert.All(appended, n => Assert.Equal(appended[0], n));
        Assert.True(appended[0] > 10_000, $"{appended[0]} events per process: fewer than one append batch");

        var (verified, output, errors) = VigilProcess.Run(_folder, "log", "verify", "--db", db);
        Assert.True(verified == 0, output + errors);
        Assert.Equal(appended.Sum(), long.Parse(EventsVerified().Match(output).Groups[1].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>Process <paramref name="n"/>'s policy inputs: its own posts and authors, every second post hateful.</summary>
    private string Inputs(int n)
    {
        var path = Path.Combine(_folder, $"inputs-{n}.jsonl");
        File.WriteAllLines(path, Enumerable.Range(0, PostsPerProcess).Select(i =>
            $$"""{"post_id":"w{{n}}-p{{i}}","author_id":"w{{n}}-a{{i % 500}}","code":"{{(i % 2 == 0 ? "dual-loyalty" : "none")}}","p_antisemitic":0.95,"confidence":0.9,"model_version":"m1","reach":{{i}}}"""));
        return path;
    }

    [GeneratedRegex(@"(\d+) events appended")]
    private static partial Regex EventsAppended();

    [GeneratedRegex(@": (\d+) events, chain intact")]
    private static partial Regex EventsVerified();
}
