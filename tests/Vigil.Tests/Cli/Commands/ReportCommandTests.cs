using Vigil.Tests.Reporting;
using Vigil.Cli;
using Vigil.Measurement;
using Vigil.Model;

namespace Vigil.Tests.Cli.Commands;

public sealed class ReportCommandTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private static int Run(params string[] args) => Program.Main(args);

    private void WriteTruthLabels(string path, IEnumerable<string> ids, Func<string, string>? second = null)
    {
        using var writer = new StreamWriter(path);
        writer.Write("post_id,annotator,label\n");
        foreach (var id in ids)
        {
            writer.Write($"{id},alice,{Kebab.From(fixture.Truth[id])}\n");
            if (second is not null) writer.Write($"{id},bob,{second(id)}\n");
        }
    }

    [Fact]
    public void Sample_writes_a_task_and_labels_imports_two_annotators()
    {
        var directory = fixture.NewDirectory("cli-sample");
        var task = Path.Combine(directory, "tasks.csv");

        Assert.Equal(0, Run("measure", "sample", "--db", fixture.DatabasePath, "--model-version", ReportFixture.Model,
            "--period", "2026-03-02..2026-03-16", "--design", "score-stratified", "--size", "80", "--seed", "5", "--out", task));
        IReadOnlyList<LabelsTaskRow> rows;
        using (var reader = new StreamReader(task)) rows = LabelsTaskFile.Read(reader, task);
        Assert.Equal(80, rows.Count);
        Assert.All(rows, r => Assert.InRange(r.InclusionProbability, double.Epsilon, 1));

        var labels = Path.Combine(directory, "labels.csv");
        WriteTruthLabels(labels, rows.Select(r => r.PostId), id => Kebab.From(fixture.Truth[id]));
        var canonical = Path.Combine(directory, "resolved.csv");
        Assert.Equal(0, Run("measure", "labels", "--task", task, "--labels", labels, "--out", canonical));
        Assert.Equal(2 * 80 + 1, File.ReadAllLines(canonical).Length);

        var half = Path.Combine(directory, "half.csv");
        WriteTruthLabels(half, rows.Take(40).Select(r => r.PostId));
        Assert.Equal(1, Run("measure", "labels", "--task", task, "--labels", half));
    }

    [Fact]
    public void Bad_period_or_design_is_a_usage_error()
    {
        var task = Path.Combine(fixture.NewDirectory("cli-bad"), "tasks.csv");
        Assert.Equal(2, Run("measure", "sample", "--db", fixture.DatabasePath, "--model-version", ReportFixture.Model, "--period", "2026-03-16..2026-03-02", "--out", task));
        Assert.Equal(2, Run("measure", "sample", "--db", fixture.DatabasePath, "--model-version", ReportFixture.Model, "--period", "2026-03-02..2026-03-16",
            "--design", "cluster", "--out", task));
        Assert.False(File.Exists(task));
    }

    [Fact]
    public void Report_asks_for_missing_labels_then_writes_and_reproduces()
    {
        var directory = fixture.NewDirectory("cli-report");
        var output = Path.Combine(directory, "out");
        var some = Path.Combine(directory, "some.csv");
        WriteTruthLabels(some, fixture.Truth.Keys.Take(100));
        string[] common = ["report", "--db", fixture.DatabasePath, "--model-version", ReportFixture.Model, "--out", output, "--size", "60"];

        Assert.Equal(2, Run([.. common, "--labels", some]));
        var needed = Path.Combine(output, "labels-needed.csv");
        var neededIds = File.ReadAllLines(needed).Skip(1).Select(line => line.Split(',')[0]).ToList();
        Assert.NotEmpty(neededIds);

        var all = Path.Combine(directory, "all.csv");
        WriteTruthLabels(all, fixture.Truth.Keys);
        Assert.Equal(0, Run([.. common, "--labels", all]));
        Assert.Equal(0, Run("report", "--reproduce", output, "--db", fixture.DatabasePath));

        var json = Path.Combine(output, "report.json");
        File.WriteAllText(json, File.ReadAllText(json).Replace("\"hateful\"", "\"Hateful\"", StringComparison.Ordinal));
        Assert.Equal(3, Run("report", "--reproduce", output));
        Assert.Equal(2, Run("report", "--reproduce", Path.Combine(directory, "nowhere")));
    }
}
