using Vigil.Tests.Coordination;
using Vigil.Cli;

namespace Vigil.Tests.Cli.Commands;

public sealed class CoordinationCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-coord-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Writes_edges_and_clusters_and_exits_1_when_rows_were_set_aside()
    {
        var input = Path.Combine(_dir, "in.csv");
        var lines = new List<string> { "message_id,user_id,username,repost_id,reply_id,message,timestamp,urls" };
        for (var campaign = 0; campaign < 4; campaign++)
        for (var bot = 0; bot < 4; bot++)
            lines.Add($"{campaign}-{bot},b{bot},bot{bot},p{campaign},,,{campaign * 1000 + bot},");
        lines.Add("bad,b0,bot0,p0,,,not-a-time,");
        File.WriteAllLines(input, lines);
        var edges = Path.Combine(_dir, "edges.csv");
        var clusters = Path.Combine(_dir, "clusters.json");

        var exit = Program.Main(["coordination", "--in", input, "--type", "co-retweet", "--window", "10",
            "--min-weight", "4", "--out", edges, "--out-clusters", clusters]);

        Assert.Equal(1, exit);
        var rows = File.ReadAllLines(edges);
        Assert.Equal("user_1,user_2,weight", rows[0]);
        Assert.Equal(12, rows.Length - 1); // 4 bots, every ordered pair, 4 campaigns each
        Assert.All(rows.Skip(1), row => Assert.EndsWith(",4", row));
        var json = File.ReadAllText(clusters);
        Assert.Contains("\"user_id\": \"b3\"", json);
        Assert.Contains("\"kind\": \"co-retweet\"", json);
    }

    [Fact]
    public void Unknown_type_and_missing_file_are_usage_errors()
    {
        Assert.Equal(2, Program.Main(["coordination", "--in", Path.Combine(_dir, "none.csv"), "--type", "co-retweet", "--out", "x"]));
        var input = Path.Combine(_dir, "in.csv");
        File.WriteAllText(input, "message_id,user_id,username,repost_id,reply_id,message,timestamp,urls\n");
        Assert.Equal(2, Program.Main(["coordination", "--in", input, "--type", "co-nothing", "--out", Path.Combine(_dir, "o.csv")]));
    }
}
