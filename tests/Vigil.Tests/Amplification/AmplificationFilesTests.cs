using Vigil.Amplification;

namespace Vigil.Tests.Amplification;

public sealed class AmplificationFilesTests
{
    [Fact]
    public void Clusters_group_members_by_cluster_id_and_bad_rows_are_set_aside()
    {
        var setAside = new List<string>();

        var clusters = AmplificationFiles.ReadClusters(new StringReader("cluster_id,account_id\nc2,x\nc1,a\nc1,b\nc1\nc2,y\n"), "c.csv", setAside);

        Assert.Equal([["a", "b"], ["x", "y"]], clusters.Select(c => c.Order(StringComparer.Ordinal).ToArray()));
        Assert.StartsWith("c.csv:5:", Assert.Single(setAside));
    }

    [Fact]
    public void Flags_accept_true_false_and_one_zero()
    {
        var setAside = new List<string>();

        var flags = AmplificationFiles.ReadFlags(new StringReader("post_id,hateful,antisemitic\np1,1,0\np2,true,true\np3,yes,no\n"), "f.csv", setAside);

        Assert.Equal(PostCategory.OtherHate, flags["p1"].Category);
        Assert.Equal(PostCategory.Antisemitic, flags["p2"].Category);
        Assert.False(flags.ContainsKey("p3"));
        Assert.StartsWith("f.csv:4:", Assert.Single(setAside));
    }

    [Fact]
    public void Ids_quoted_by_the_CSV_writers_are_read_back_whole()
    {
        var setAside = new List<string>();

        var clusters = AmplificationFiles.ReadClusters(new StringReader("cluster_id,account_id\n\"c,1\",\"a \"\"b\"\"\"\n"), "c.csv", setAside);

        Assert.Empty(setAside);
        Assert.Equal("a \"b\"", Assert.Single(Assert.Single(clusters)));
    }

    [Fact]
    public void A_wrong_header_is_an_error_naming_the_source()
    {
        var error = Assert.Throws<FormatException>(() =>
            AmplificationFiles.ReadFlags(new StringReader("id,flag\n"), "f.csv", []));

        Assert.StartsWith("f.csv:1:", error.Message);
    }

    [Fact]
    public void Weekly_csv_has_one_row_per_week_and_category_with_shares()
    {
        var writer = new StringWriter();
        AmplificationFiles.WriteWeeks(writer,
            [new WeeklyAmplification(new DateOnly(2026, 11, 2), PostCategory.Antisemitic, 2, 4, 1, 2, 3, 100, 25, 50, 60)]);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("2026-11-02,antisemitic,2,4,1,2,3,100,25,50,60,0.25,0.5,0.6", lines[1]);
    }

    [Fact]
    public void Post_csv_quotes_ids_that_hold_commas_and_every_row_matches_the_columns()
    {
        var writer = new StringWriter();
        AmplificationFiles.WritePosts(writer,
            [new PostAmplification("p,1", "a", new DateOnly(2026, 11, 2), PostCategory.Other, 1, 0, 0, 0, 10, 0, 0, 0)]);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(string.Join(',', AmplificationTable.PostColumns), lines[0]);
        Assert.StartsWith("\"p,1\",a,2026-11-02,other,", lines[1]);
        Assert.Equal(AmplificationTable.PostColumns.Count,
            AmplificationTable.Row(new PostAmplification("p", "a", default, PostCategory.Other, 0, 0, 0, 0, 0, 0, 0, 0)).Count);
    }
}
