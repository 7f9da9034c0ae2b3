using Microsoft.Data.Sqlite;
using Vigil.Cli;
using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Measurement;
using Vigil.Model;
using Vigil.Reporting.Transparency;
using Vigil.Tests.Policy;

namespace Vigil.Tests.Reporting;

/// <summary>Labels made in the review queue feed the estimates — but only those of posts the sample drew.</summary>
public sealed class ReviewLabelsReportTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private static readonly HumanReviewer Alice = new("alice");

    private static int Run(params string[] args) => Program.Main(args);

    /// <summary>Each test labels into its own copy of the platform, so no test sees another's labels.</summary>
    private string CopyDatabase(string name)
    {
        SqliteConnection.ClearAllPools();
        var path = Path.Combine(fixture.NewDirectory(name), "vigil.db");
        File.Copy(fixture.DatabasePath, path);
        return path;
    }

    /// <summary>What a reviewer working the harm-ordered queue might add: every post outside the sample called antisemitic.</summary>
    private async Task LabelOutsideAsAntisemiticAsync(LabelQueue queue, IReadOnlySet<string> sampled)
    {
        foreach (var id in fixture.Truth.Keys)
            if (!sampled.Contains(id)) await queue.LabelAsync(id, Alice, ConsensusClass.AgreedAntisemitic);
    }

    [Fact]
    public async Task Labels_of_posts_outside_the_sample_never_reach_the_figures()
    {
        var options = new TransparencyOptions { ModelVersion = ReportFixture.Model, SampleSize = 40, Seed = 3 };
        await using var store = await fixture.OpenStoreAsync();
        var reference = await TransparencyReport.BuildAsync(store, options, new DictionaryLabels(fixture.Truth));
        var sampled = reference.Inputs.Samples.SelectMany(s => s.Units).Select(u => u.PostId).ToHashSet(StringComparer.Ordinal);

        var log = new InMemoryDecisionLog();
        var queue = new LabelQueue(log, new FakeClock(PolicyTestKit.Start));
        foreach (var id in sampled) await queue.LabelAsync(id, Alice, fixture.Truth[id]);
        await LabelOutsideAsAntisemiticAsync(queue, sampled);
        var labels = await ReviewLabels.ReadAsync(log.ReadAllAsync());
        // The trap is real: read over every labelled post, antisemitism would look many times more common than it is.
        var naiveShare = labels.PostIds.Count(id => labels.For(id)[0].Label == ConsensusClass.AgreedAntisemitic) / (double)labels.PostIds.Count;
        Assert.True(naiveShare > 0.8, $"naive share {naiveShare}");

        var fromLog = await TransparencyReport.BuildAsync(store, options, labels);

        var expected = ReportJson.RenderData(reference.Model);
        var actual = ReportJson.RenderData(fromLog.Model);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, bytes) in expected) Assert.True(bytes.AsSpan().SequenceEqual(actual[name]), $"{name} differs");
        Assert.All(fromLog.Inputs.Samples.SelectMany(s => s.Units), u => Assert.Equal("alice", Assert.Single(u.Annotations).Annotator));
    }

    [Fact]
    public async Task Sample_to_queue_then_estimate_from_the_log_matches_the_same_labels_from_a_file()
    {
        var db = CopyDatabase("estimate");
        var directory = Path.GetDirectoryName(db)!;
        string[] draw = ["--db", db, "--model-version", ReportFixture.Model, "--period", "2026-03-02..2026-03-30", "--size", "60", "--seed", "9"];
        var task = Path.Combine(directory, "tasks.csv");
        Assert.Equal(0, Run(["measure", "sample", .. draw, "--out", task, "--to-queue"]));
        Assert.Equal(2, Run(["measure", "estimate", .. draw, "--labels-from-log"]));

        HashSet<string> sampled;
        using (var log = new SqliteDecisionLog(db))
        {
            var queue = new LabelQueue(log, new FakeClock(PolicyTestKit.Start));
            var pending = await queue.PendingAsync();
            sampled = pending.Select(r => r.PostId).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(60, sampled.Count);
            foreach (var request in pending) await queue.LabelAsync(request.PostId, Alice, fixture.Truth[request.PostId]);
            await LabelOutsideAsAntisemiticAsync(queue, sampled);
            Assert.Empty(await queue.PendingAsync());
        }
        var fromLog = Path.Combine(directory, "from-log.csv");
        Assert.Equal(0, Run(["measure", "estimate", .. draw, "--labels-from-log", "--out", fromLog]));
        Assert.Equal(0, Run("measure", "labels", "--task", task, "--labels-from-log", "--db", db));

        var file = Path.Combine(directory, "labels.csv");
        File.WriteAllLines(file, ["post_id,annotator,label", .. sampled.Select(id => $"{id},alice,{Kebab.From(fixture.Truth[id])}")]);
        var fromFile = Path.Combine(directory, "from-file.csv");
        Assert.Equal(0, Run(["measure", "estimate", .. draw, "--labels", file, "--out", fromFile]));

        Assert.Equal(File.ReadAllText(fromFile), File.ReadAllText(fromLog));
        var hateful = File.ReadLines(fromLog).Single(line => line.StartsWith("hateful,posts,", StringComparison.Ordinal)).Split(',');
        Assert.InRange(double.Parse(hateful[2], System.Globalization.CultureInfo.InvariantCulture), 0.0, 0.5);
    }

    [Fact]
    public async Task Report_queues_what_it_needs_then_builds_from_review_labels_and_refuses_an_edited_log()
    {
        var db = CopyDatabase("report");
        var output = Path.Combine(Path.GetDirectoryName(db)!, "out");
        string[] report = ["report", "--db", db, "--model-version", ReportFixture.Model, "--out", output, "--size", "30", "--labels-from-log"];

        Assert.Equal(2, Run(report));
        var needed = File.ReadAllLines(Path.Combine(output, "labels-needed.csv")).Skip(1).Select(line => line.Split(',')[0]).ToList();
        using (var log = new SqliteDecisionLog(db))
        {
            var queue = new LabelQueue(log, new FakeClock(PolicyTestKit.Start));
            Assert.Equal(needed.Order(StringComparer.Ordinal), (await queue.PendingAsync()).Select(r => r.PostId).Order(StringComparer.Ordinal));
            foreach (var id in needed) await queue.LabelAsync(id, Alice, fixture.Truth[id]);
        }
        Assert.Equal(0, Run(report));
        Assert.Equal(0, Run("report", "--reproduce", output, "--db", db));

        using (var connection = new SqliteConnection($"Data Source={db}"))
        {
            connection.Open();
            using var edit = connection.CreateCommand();
            edit.CommandText = "UPDATE decision_events SET payload = replace(payload, 'neutral', 'agreed-hate') WHERE type = 'Labelled'";
            Assert.True(edit.ExecuteNonQuery() > 0);
        }
        SqliteConnection.ClearAllPools();
        Assert.Equal(3, Run(report));
    }
}
