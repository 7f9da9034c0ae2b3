using Vigil.Tests.DecisionLog;
using System.Text;
using Vigil.Bots;
using Vigil.Cli;
using Vigil.Coordination;
using Vigil.Ingest;
using Vigil.Measurement;
using Vigil.Policy;
using Vigil.Tests.Policy;
using Vigil.Text;

namespace Vigil.Tests.Text;

/// <summary>
/// Every reader of user input keeps U+FFFD as text and sets aside, with file and line, only a line whose bytes are not
/// UTF-8: score's CSV and JSONL, labels, policy inputs, the policy file, Vigil JSONL outside ingest, account lines, QUT CSV.
/// (The ingest formats have their own, in Ingest/Utf8IngestTests.)
/// </summary>
[Collection("console")]
public sealed class ReaderUtf8Tests : IDisposable
{
    private const string Text = "caf\uFFFD \U0001F600";
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-utf8-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A file of UTF-8 lines in which the line <paramref name="badLine"/> (1-based) gets a 0xFF byte before its last 3 bytes.</summary>
    private string Write(string name, int badLine, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        var bytes = new List<byte>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = Encoding.UTF8.GetBytes(lines[i]).ToList();
            if (i + 1 == badLine) line.Insert(line.Count - 3, 0xFF);
            bytes.AddRange(line);
            bytes.Add((byte)'\n');
        }
        File.WriteAllBytes(path, [.. bytes]);
        return path;
    }

    private static (int Exit, string Errors) Run(params string[] args)
    {
        var errors = new StringWriter();
        var original = Console.Error;
        Console.SetError(errors);
        try { return (Program.Main(args), errors.ToString()); }
        finally { Console.SetError(original); }
    }

    [Theory]
    [InlineData("in.csv", "id,text", "a,TEXT", "b,plain words")]
    [InlineData("in.jsonl", null, """{"id":"a","text":"TEXT"}""", """{"id":"b","text":"plain words"}""")]
    public void Score_scores_replacement_characters_and_skips_only_bad_bytes(string name, string? header, string good, string bad)
    {
        string[] lines = header is null ? [good.Replace("TEXT", Text), bad] : [header, good.Replace("TEXT", Text), bad];
        var input = Write(name, lines.Length, lines);
        var output = Path.Combine(_folder, "out.csv");

        var (exit, errors) = Run("score", "--in", input, "--out", output);

        Assert.Equal(1, exit);
        Assert.Contains($"{name}:{lines.Length}: skipped: invalid UTF-8 at byte", errors);
        Assert.Equal(["a"], File.ReadAllLines(output).Skip(1).Select(l => l.Split(',')[0]));
        File.WriteAllLines(input, lines[..^1]);
        Assert.Equal(0, Run("score", "--in", input, "--out", output).Exit);
    }

    [Fact]
    public void Labels_take_replacement_characters_and_name_the_line_of_bad_bytes()
    {
        var good = Write("labels.csv", 0, "post_id,annotator,label", $"p{Text},ann{Text},neutral");
        var labels = AnnotationLabels.Read(good);
        Assert.Equal([$"p{Text}"], labels.PostIds);

        var bad = Write("bad.csv", 2, "post_id,annotator,label", "p1,ann,neutral");
        var error = Assert.Throws<LabelsFormatException>(() => AnnotationLabels.Read(bad));
        Assert.Equal(2, error.Line);
        Assert.Contains("invalid UTF-8 at byte", error.Message);
    }

    [Fact]
    public void Policy_inputs_take_replacement_characters_and_set_aside_bad_bytes()
    {
        var path = Write("inputs.jsonl", 2,
            $$"""{"post_id":"p{{Text}}","author_id":"a1","code":"none","model_version":"m1"}""",
            """{"post_id":"p2","author_id":"a2","code":"none","model_version":"m1"}""");
        var rejected = new List<PolicyInputRejection>();
        using var reader = Utf8Input.OpenText(path);
        var inputs = PolicyInputJsonl.Read(reader, path, rejected.Add).ToList();
        Assert.Equal($"p{Text}", Assert.Single(inputs).PostId);
        var rejection = Assert.Single(rejected);
        Assert.Equal(2, rejection.Line);
        Assert.StartsWith("invalid UTF-8 at byte", rejection.Reason);
    }

    [Fact]
    public void A_policy_file_takes_replacement_characters_and_refuses_bad_bytes_by_line()
    {
        var policy = File.ReadAllText(Path.Combine(DecisionLogTests.RepoRoot(), "policies", "default.yaml"));
        var path = Write("policy.yaml", 0, $"# {Text}", policy);
        Assert.Equal(EnforcementPolicy.Default.Version, EnforcementPolicy.Load(path).Version);

        path = Write("bad.yaml", 1, "# a comment", policy);
        var error = Assert.Throws<PolicyFormatException>(() => EnforcementPolicy.Load(path));
        Assert.Equal(1, error.Line);
        Assert.Contains("invalid UTF-8 at byte", error.Message);
    }

    [Fact]
    public void Vigil_jsonl_and_account_lines_outside_ingest_take_replacement_characters()
    {
        string[] lines =
        [
            $$"""{"kind":"account","v":1,"id":"u1","handle":"ann","display_name":"{{Text}}"}""",
            $$"""{"kind":"post","v":1,"id":"p1","author_id":"u1","created_at":"2026-03-01T12:00:00Z","text":"{{Text}}"}""",
            """{"kind":"post","v":1,"id":"p2","author_id":"u1","created_at":"2026-03-01T12:00:00Z","text":"x"}""",
        ];
        var path = Write("posts.jsonl", 3, lines);

        var content = VigilJsonlReader.Read(path);
        Assert.Equal(Text, Assert.Single(content.Posts).Record.Text);
        Assert.Equal(3, Assert.Single(content.Rejected).Line);

        using var reader = Utf8Input.OpenText(path);
        var accounts = AccountLines.Read(reader, path);
        Assert.Equal(Text, Assert.Single(accounts.Profiles).DisplayName);
        Assert.StartsWith($"{path}:3: invalid UTF-8 at byte", Assert.Single(accounts.SetAside));
    }

    [Fact]
    public void Qut_csv_takes_replacement_characters_and_sets_aside_bad_bytes()
    {
        var path = Write("qut.csv", 3, "message_id,user_id,username,repost_id,reply_id,message,timestamp,urls",
            $"m1,u1,ann,,,{Text},1600000000,", "m2,u2,bob,,,plain,1600000001,");
        var input = QutCsvReader.Read(path);
        Assert.Equal(Text, Assert.Single(input.Messages).Text);
        var aside = Assert.Single(input.SetAside);
        Assert.Equal(3, aside.Line);
        Assert.StartsWith("invalid UTF-8 at byte", aside.Reason);
    }
}
