using Vigil.Cli;

namespace Vigil.Tests.Bots;

public sealed class BotsCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vigil-bots-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // Console output is left alone: redirecting it is process-wide and would race with other test classes.
    private static int Run(params string[] args) => Program.BuildRoot().Parse(args).Invoke();

    [Fact]
    public void Score_writes_one_csv_row_per_account_and_exits_1_when_lines_were_set_aside()
    {
        var input = Path.Combine(_root, "users.jsonl");
        var output = Path.Combine(_root, "scores.csv");
        File.WriteAllLines(input,
        [
            """{"id":"1","username":"a","public_metrics":{"followers_count":3,"following_count":4000,"tweet_count":5,"listed_count":0}}""",
            "{broken",
            """{"kind":"account","v":1,"id":"2","handle":"b","followers":800,"following":200,"post_count":9000}""",
        ]);

        var exit = Run("bots", "score", "--in", input, "--out", output);

        Assert.Equal(1, exit);
        var lines = File.ReadAllLines(output);
        Assert.Equal("id,p_bot,bot,top_features", lines[0]);
        Assert.Equal(["1", "2"], lines.Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public void Score_writes_jsonl_when_the_output_ends_in_jsonl()
    {
        var input = Path.Combine(_root, "users.jsonl");
        var output = Path.Combine(_root, "scores.jsonl");
        File.WriteAllLines(input, ["""{"id":"1","username":"a","public_metrics":{"followers_count":3,"following_count":4000,"tweet_count":5}}"""]);

        Assert.Equal(0, Run("bots", "score", "--in", input, "--out", output));

        using var json = System.Text.Json.JsonDocument.Parse(Assert.Single(File.ReadAllLines(output)));
        Assert.Equal("1", json.RootElement.GetProperty("id").GetString());
        Assert.InRange(json.RootElement.GetProperty("p_bot").GetDouble(), 0, 1);
        Assert.NotEqual(0, json.RootElement.GetProperty("top_features").GetArrayLength());
    }

    [Fact]
    public void Score_with_a_missing_input_is_an_input_error()
    {
        Assert.Equal(2, Run("bots", "score", "--in", Path.Combine(_root, "nope.jsonl"), "--out", Path.Combine(_root, "o.csv")));
    }

    [Fact]
    public void Train_without_the_data_sets_is_an_input_error()
    {
        Assert.Equal(2, Run("bots", "train", "--data", Path.Combine(_root, "absent")));
    }
}
