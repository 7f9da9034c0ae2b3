using Vigil.Model;
using Vigil.Simulation;

namespace Vigil.Tests.Simulation;

public sealed class LabelledTextFileTests
{
    // Hand-written rows: one per kind the parser must handle (quoted comma, doubled quote, line break, bad label).
    private const string Csv =
        "text,label,target\n" +
        "\"They run the banks, all of them\",conspiracy-control-trope,jews-collective\n" +
        "\"She said \"\"never again\"\" and meant it\",education,\n" +
        "\"Two lines\nin one field\",none,\n" +
        "Just some bread,not-a-code,\n" +
        "Migrants are vermin,other-group-hate,\n";

    [Fact]
    public void Parses_quoted_fields_and_reports_a_bad_row_with_its_line()
    {
        var file = LabelledTextFile.Parse(new StringReader(Csv), "texts.csv", TaxonomyTable.Default);

        Assert.Equal([ContentCode.None, ContentCode.ConspiracyControlTrope, ContentCode.Education, ContentCode.OtherGroupHate], file.Codes);
        var random = new SeededRandom(1);
        Assert.Equal("They run the banks, all of them", file.Draw(ContentCode.ConspiracyControlTrope, random).Text);
        Assert.Equal("She said \"never again\" and meant it", file.Draw(ContentCode.Education, random).Text);
        Assert.Equal("Two lines\nin one field", file.Draw(ContentCode.None, random).Text);
        Assert.Equal(Target.OtherProtectedGroup, file.Draw(ContentCode.OtherGroupHate, random).Label.Target);

        var skipped = Assert.Single(file.Skipped);
        Assert.StartsWith("texts.csv:6:", skipped);
        Assert.Contains("not-a-code", skipped);
    }

    [Fact]
    public void A_file_without_the_needed_columns_fails_naming_the_source()
    {
        var error = Assert.Throws<FormatException>(() =>
            LabelledTextFile.Parse(new StringReader("body,code\nx,none\n"), "bad.csv", TaxonomyTable.Default));
        Assert.StartsWith("bad.csv:1:", error.Message);
    }

    [Fact]
    public void A_file_without_hateful_rows_cannot_plant_a_rise_and_is_refused()
    {
        var error = Assert.Throws<FormatException>(() =>
            LabelledTextFile.Parse(new StringReader("text,label\nhello,none\n"), "benign.csv", TaxonomyTable.Default));
        Assert.StartsWith("benign.csv:", error.Message);
    }

    [Fact]
    public void The_simulator_draws_every_text_from_the_file_when_given_one()
    {
        var path = Path.Combine(Path.GetTempPath(), "vigil-texts-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, Csv);
        try
        {
            using var platform = new SimulatedPlatform(new SimulationOptions { Seed = 2, Accounts = 300, Days = 7, TextsPath = path });
            Assert.Single(platform.Result.SkippedTextRows);
            var allowed = new[] { "They run the banks, all of them", "She said \"never again\" and meant it",
                "Two lines\nin one field", "Migrants are vermin" };
            // Paraphrasing clusters reword what they draw; everyone else posts file texts as they are.
            var paraphrasers = platform.Result.Truth.Clusters.Where(c => c.Kind == ClusterKind.Paraphrase)
                .SelectMany(c => c.Members).ToHashSet();
            foreach (var post in platform.Posts)
            {
                var text = post.GetProperty("text").GetString()!;
                if (text.Length == 0 || paraphrasers.Contains(post.GetProperty("author_id").GetString()!)) continue;
                Assert.Contains(allowed, a => text.Contains(a, StringComparison.Ordinal));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
