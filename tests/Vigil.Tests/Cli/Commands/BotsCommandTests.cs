using Vigil.Tests.Bots;
using Vigil.Cli;

namespace Vigil.Tests.Cli.Commands;

public sealed class BotsCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vigil-bots-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // Console output is left alone: redirecting it is process-wide and would race with other test classes.
    private static int Run(params string[] args) => Program.Main(args);

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
        Assert.Equal("id,p_bot,bot,top_features,why", lines[0]);
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
    public void Features_writes_each_labelled_account_with_its_features_by_name_and_missing_ones_empty()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "bots", "rtbust2019")).FullName;
        File.WriteAllLines(Path.Combine(folder, "rtbust2019_users.csv"),
        [
            "User_id,label,screen_name,name,description,location,url,lang,created_at,followers_count,friends_count,statuses_count,favourites_count,listed_count,verified,protected,default_profile,default_profile_image,geo_enabled,record_created_at",
            "1,bot,rt_4242,rt,,,,it,Fri Feb 06 22:33:59 +0000 2015,218,285,3477,2305,0,false,false,true,false,false,Wed May 15 16:00:19 +0000 2019",
            "2,human,anna,Anna,likes tea,,,it,Fri Feb 06 22:33:59 +0000 2015,90,40,120,10,1,false,false,false,false,false,Wed May 15 16:00:19 +0000 2019",
        ]);
        var output = Path.Combine(_root, "features.csv");

        Assert.Equal(0, Run("bots", "features", "--data", Path.Combine(_root, "bots"), "--out", output));

        var lines = File.ReadAllLines(output);
        var header = lines[0].Split(',');
        Assert.Equal(["set", "role", "bot"], header[..3]);
        Assert.Equal(3 + Enum.GetValues<Vigil.Bots.BotFeature>().Length, header.Length);
        Assert.Equal(3, lines.Length);
        var bot = lines[1].Split(',');
        Assert.Equal(["rtbust2019", "training", "1"], bot[..3]);
        Assert.Equal(Math.Log(1 + 285), double.Parse(bot[Array.IndexOf(header, "log-following")], System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Equal("4", bot[Array.IndexOf(header, "handle-digits")]);
        Assert.Equal("", bot[Array.IndexOf(header, "repost-share")]);
        Assert.Equal("0", lines[2].Split(',')[2]);
    }

    [Fact]
    public void Train_without_the_data_sets_is_an_input_error()
    {
        Assert.Equal(2, Run("bots", "train", "--data", Path.Combine(_root, "absent")));
    }

    [Fact]
    public void Amplification_writes_per_post_and_per_week_rows()
    {
        var input = Path.Combine(_root, "platform.jsonl");
        var flags = Path.Combine(_root, "flags.csv");
        var posts = Path.Combine(_root, "posts.csv");
        var weeks = Path.Combine(_root, "weeks.csv");
        File.WriteAllLines(input,
        [
            """{"kind":"account","v":1,"id":"a","handle":"a","followers":100,"following":100,"post_count":100}""",
            """{"kind":"account","v":1,"id":"b","handle":"b","followers":300,"following":100,"post_count":100}""",
            """{"kind":"post","v":1,"id":"p","author_id":"a","created_at":"2026-11-04T00:00:00.000Z","text":"x","views":400}""",
            """{"kind":"interaction","v":1,"type":"repost","account_id":"b","post_id":"p","at":"2026-11-04T01:00:00.000Z"}""",
        ]);
        File.WriteAllLines(flags, ["post_id,hateful,antisemitic", "p,1,1"]);

        // Threshold 0 makes every scored account high-bot-score, so the expected split does not depend on the model.
        Assert.Equal(0, Run("bots", "amplification", "--in", input, "--flags", flags, "--bot-threshold", "0",
            "--out-posts", posts, "--out-weeks", weeks));

        Assert.Equal("p,a,2026-11-02,antisemitic,1,1,0,1,400,300,0,300", File.ReadAllLines(posts)[1]);
        Assert.StartsWith("2026-11-02,antisemitic,1,1,1,0,1,400,300,", File.ReadAllLines(weeks)[1]);
    }
}
