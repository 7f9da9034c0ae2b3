using Vigil.Tests.Enforcement;
using Vigil.Cli;
using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Measurement;
using Vigil.Model;

namespace Vigil.Tests.Cli.Commands;

/// <summary><c>vigil review enqueue-sample | label-queue | label | decide --class</c> on a real database file.</summary>
[Collection("console")]
public sealed class ReviewLabelCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-review-labels-").FullName;
    private string Db => Path.Combine(_dir, "vigil.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static int Run(params string[] args) => Program.Main(args);

    private async Task<ReviewLabels> LabelsAsync()
    {
        using var log = new SqliteDecisionLog(Db);
        return (await ReviewLabels.ReadAsync(log.ReadAllAsync()));
    }

    private async Task<int> PendingAsync()
    {
        using var log = new SqliteDecisionLog(Db);
        return (await new LabelQueue(log, TimeProvider.System).PendingAsync()).Count;
    }

    [Fact]
    public async Task A_task_file_is_queued_once_and_labels_answer_it()
    {
        var task = Path.Combine(_dir, "tasks.csv");
        File.WriteAllText(task,
            "post_id,text,stratum,inclusion_probability,draws,design,seed,label\n" +
            "p1,\"hello, world\",0,0.5,1,score-stratified,7,\n" +
            "p2,second,1,0.25,1,score-stratified,7,\n");
        using (new SqliteDecisionLog(Db)) { }

        Assert.Equal(0, Run("review", "enqueue-sample", "--task", task, "--db", Db));
        Assert.Equal(0, Run("review", "enqueue-sample", "--task", task, "--db", Db));
        Assert.Equal(2, await PendingAsync());
        Assert.Equal(0, Run("review", "label-queue", "--db", Db));

        Assert.Equal(0, Run("review", "label", "p1", "--db", Db, "--reviewer", "alice", "--class", "agreed-antisemitic", "--note", "trope"));
        Assert.Equal(2, Run("review", "label", "p2", "--db", Db, "--reviewer", "alice", "--class", "antisemitic"));
        Assert.Equal(2, Run("review", "label", "p2", "--db", Db, "--reviewer", "not a token", "--class", "neutral"));
        Assert.Equal(1, await PendingAsync());
        Assert.Equal([new Annotation("p1", "alice", ConsensusClass.AgreedAntisemitic)], (await LabelsAsync()).For("p1"));
        Assert.Empty((await LabelsAsync()).For("p2"));
        Assert.Equal(0, Run("log", "verify", "--db", Db));
    }

    [Fact]
    public async Task Deciding_a_review_with_a_class_also_records_the_reviewers_label()
    {
        var inputs = Path.Combine(_dir, "inputs.jsonl");
        File.WriteAllText(inputs,
            """{"post_id":"p3","author_id":"a3","code":"incitement-violence","p_hateful":0.99,"model_version":"m1","reach":9000}""" + "\n");
        Assert.Equal(0, Run("policy", "apply", "--in", inputs, "--db", Db));
        string request;
        using (var log = new SqliteDecisionLog(Db)) request = (await EnforcementState.ReplayAsync(log.ReadAllAsync())).Queue()[0].Id;

        Assert.Equal(2, Run("review", "decide", request, "--db", Db, "--reviewer", "bob", "--approve", "--class", "hateful"));
        Assert.Equal(0, Run("review", "decide", request, "--db", Db, "--reviewer", "bob", "--approve", "--class", "agreed-hate"));

        Assert.Equal([new Annotation("p3", "bob", ConsensusClass.AgreedHate)], (await LabelsAsync()).For("p3"));
        using var reopened = new SqliteDecisionLog(Db);
        Assert.Equal(ReviewStatus.Approved, (await EnforcementState.ReplayAsync(reopened.ReadAllAsync())).Review(request)!.Status);
    }
}
