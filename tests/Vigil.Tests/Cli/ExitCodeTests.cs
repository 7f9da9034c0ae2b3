using Vigil.Cli;

namespace Vigil.Tests.Cli;

/// <summary>
/// Every command family ends through one runner: for each family, each exit code that can happen to it (0 success,
/// 1 records set aside, 2 usage or input error, 3 integrity failure, 4 unexpected error). Cases other test classes
/// already cover for a family are not repeated: 0 and 1 of ingest, score, coordination and bots score, 1 of measure
/// labels, 0 of simulate and measure sample, 3 of report --reproduce.
/// </summary>
[Collection("console")]
public sealed class ExitCodeTests(CliWorkspace workspace) : IClassFixture<CliWorkspace>
{
    private int Run(params string[] args) => Program.Main(workspace.Resolve(args));

    [Theory]
    [InlineData("stats", "--db", "{db}")]
    [InlineData("stats", "--db", "{db}", "--format", "json")]
    [InlineData("taxonomy", "--format", "csv")]
    [InlineData("policy", "validate", "--policy", "../../../../../policies/default.yaml")]
    [InlineData("policy", "show")]
    [InlineData("policy", "apply", "--in", "{inputs}", "--db", "{db}")]
    [InlineData("review", "queue", "--db", "{db}")]
    [InlineData("review", "label-queue", "--db", "{db}", "--format", "json")]
    [InlineData("appeal", "stats", "--db", "{db}", "--format", "csv")]
    [InlineData("log", "verify", "--db", "{db}")]
    [InlineData("export", "csv", "--db", "{db}", "--out", "{dir}/decisions.csv")]
    [InlineData("export", "dsa", "--db", "{db}", "--out", "{dir}/dsa")]
    public void Success_is_0(params string[] args) => Assert.Equal(0, Run(args));

    [Theory]
    [InlineData("policy", "apply", "--in", "{broken}", "--db", "{dir}/set-aside.db")]
    [InlineData("simulate", "--out", "{dir}/texts-platform", "--accounts", "250", "--days", "3", "--texts", "{texts}")]
    public void Records_set_aside_is_1(params string[] args) => Assert.Equal(1, Run(args));

    [Theory]
    [InlineData("stats", "--db", "{missing}")]
    [InlineData("stats", "--format", "yaml")]
    [InlineData("analyze", "--db", "{missing}")]
    [InlineData("analyze", "--db", "{db}", "--policy", "{missing}")]
    [InlineData("score", "--out", "{dir}/o.csv")]
    [InlineData("score", "--in", "{missing}", "--out", "{dir}/o.csv")]
    [InlineData("train", "--data", "{dir}/no-data")]
    [InlineData("eval", "--data", "{dir}/no-data")]
    [InlineData("functional", "--cases", "{missing}")]
    [InlineData("simulate", "--out", "{dir}/sim", "--start", "yesterday")]
    [InlineData("demo", "--out", "{dir}/demo", "--accounts", "10")]
    [InlineData("ingest", "--db", "{dir}/ingest.db")]
    [InlineData("bots", "score", "--in", "{missing}", "--out", "{dir}/o.csv")]
    [InlineData("coordination", "--in", "{missing}", "--type", "co-retweet", "--out", "{dir}/o.csv")]
    [InlineData("policy", "validate", "--policy", "{inputs}")]
    [InlineData("policy", "apply", "--db", "{db}")]
    [InlineData("review", "decide", "no-such-request", "--db", "{db}", "--reviewer", "alice")]
    [InlineData("review", "decide", "no-such-request", "--db", "{db}", "--reviewer", "alice", "--approve")]
    [InlineData("review", "label", "p1", "--db", "{db}", "--reviewer", "not a token", "--class", "neutral")]
    [InlineData("appeal", "file", "no-such-decision", "--db", "{db}", "--by", "a1")]
    [InlineData("appeal", "stats", "--db", "{missing}")]
    [InlineData("log", "verify", "--db", "{missing}")]
    [InlineData("log", "head", "--db", "{db}", "--key", "{inputs}")]
    [InlineData("export", "atproto", "--db", "{db}", "--out", "{dir}/labels.json", "--did", "not-a-did")]
    [InlineData("measure", "sample", "--db", "{db}", "--model-version", "m1", "--period", "2026-03-16..2026-03-02", "--out", "{dir}/task.csv")]
    [InlineData("measure", "labels", "--task", "{missing}", "--labels", "{missing}")]
    [InlineData("report", "--db", "{db}", "--out", "{dir}/report")]
    [InlineData("report", "--reproduce", "{dir}/no-bundle")]
    [InlineData("no-such-command")]
    public void Usage_or_input_error_is_2(params string[] args) => Assert.Equal(2, Run(args));

    [Theory]
    [InlineData("log", "verify", "--db", "{tampered}")]
    [InlineData("measure", "estimate", "--db", "{tampered}", "--model-version", "m1", "--period", "2026-03-02..2026-03-16", "--labels-from-log")]
    [InlineData("measure", "labels", "--db", "{tampered}", "--task", "{inputs}", "--labels-from-log")]
    [InlineData("report", "--db", "{tampered}", "--model-version", "m1", "--out", "{dir}/report", "--labels-from-log")]
    public void Integrity_failure_is_3(params string[] args) => Assert.Equal(3, Run(args));

    [Theory]
    [InlineData("stats", "--db", "{not-a-db}")]
    [InlineData("ingest", "--in", "{inputs}", "--db", "{not-a-db}")]
    [InlineData("analyze", "--db", "{not-a-db}")]
    [InlineData("policy", "apply", "--in", "{inputs}", "--db", "{not-a-db}")]
    [InlineData("review", "queue", "--db", "{not-a-db}")]
    [InlineData("appeal", "stats", "--db", "{not-a-db}")]
    [InlineData("log", "verify", "--db", "{not-a-db}")]
    [InlineData("export", "csv", "--db", "{not-a-db}", "--out", "{dir}/never.csv")]
    [InlineData("measure", "sample", "--db", "{not-a-db}", "--model-version", "m1", "--period", "2026-03-02..2026-03-16", "--out", "{dir}/never.csv")]
    [InlineData("report", "--db", "{not-a-db}", "--model-version", "m1", "--out", "{dir}/never", "--labels-from-log")]
    public void A_database_that_cannot_be_opened_is_4(params string[] args) => Assert.Equal(4, Run(args));

    [DevFullTheory]
    [InlineData("score", "--in", "{dir}/texts.csv", "--out", "/dev/full")]
    [InlineData("bots", "score", "--in", "{dir}/accounts.jsonl", "--out", "/dev/full")]
    [InlineData("coordination", "--in", "{dir}/messages.csv", "--type", "co-retweet", "--out", "/dev/full")]
    [InlineData("export", "csv", "--db", "{db}", "--out", "/dev/full")]
    [InlineData("simulate", "--out", "{dir}/full-platform", "--accounts", "250", "--days", "3")]
    [InlineData("demo", "--out", "{dir}/full-demo")]
    public void A_write_that_fails_is_4_with_one_line_naming_it(params string[] args)
    {
        workspace.Write("texts.csv", "id,text", "1,the weather is nice today");
        workspace.Write("accounts.jsonl", """{"kind":"account","v":1,"id":"2","handle":"b","followers":800,"following":200,"post_count":9000}""");
        workspace.Write("messages.csv", "message_id,user_id,username,repost_id,reply_id,message,timestamp,urls", "1,u1,a,p1,,,100,", "2,u2,b,p1,,,101,");
        // The platform folders' posts file is the full disk.
        foreach (var platform in new[] { "full-platform", Path.Combine("full-demo", "platform") })
        {
            var posts = Path.Combine(workspace.Folder, platform, "posts.jsonl");
            Directory.CreateDirectory(Path.GetDirectoryName(posts)!);
            if (!File.Exists(posts)) File.CreateSymbolicLink(posts, "/dev/full");
        }
        var (exit, _, errors) = VigilProcess.Run(workspace.Folder, workspace.Resolve(args));

        Assert.Equal(4, exit);
        var failure = Assert.Single(errors.Split('\n'), l => l.StartsWith($"vigil {args[0]}", StringComparison.Ordinal) && !l.EndsWith(" rows scored", StringComparison.Ordinal));
        Assert.Contains("No space left on device", failure);
        Assert.DoesNotContain("   at ", errors);
        Assert.DoesNotContain("Exception", failure);
    }
}

/// <summary>A theory that writes to <c>/dev/full</c>, the device on which every write fails as on a full disk.</summary>
public sealed class DevFullTheoryAttribute : TheoryAttribute
{
    public DevFullTheoryAttribute()
    {
        if (!File.Exists("/dev/full")) Skip = "/dev/full (a device every write to fails) exists only on Linux.";
    }
}
