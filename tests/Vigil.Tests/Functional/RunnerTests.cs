using Vigil.Detection.Functional;
using Vigil.Model;

namespace Vigil.Tests.Functional;

public sealed class RunnerTests
{
    private const string Header = "id\tfunctionality\ttext\texpect_antisemitic\texpect_hateful\tcode\texplicitness\tnote";

    private static FunctionalSuite Inline(params string[] rows) =>
        FunctionalSuite.Parse([(new StringReader(Header + "\n" + string.Join("\n", rows)), "inline.tsv")]);

    [Fact]
    public void An_assessor_that_flags_everything_passes_exactly_the_cases_expected_antisemitic()
    {
        var report = ShippedSuite.Suite.Run(FakeAssessor.FlagsEverything);

        foreach (var result in report.Functionalities)
        {
            var expected = ShippedSuite.Suite.Cases.Count(c => c.Functionality == result.Functionality && c.ExpectAntisemitic);
            Assert.Equal(expected, result.Passed);
        }
        Assert.Equal(ShippedSuite.Suite.Cases.Count(c => c.ExpectAntisemitic), report.Passed);
        Assert.Equal(0, report.MustNotFlag.Passed);
    }

    [Fact]
    public void An_assessor_that_flags_nothing_passes_exactly_the_cases_expected_clean()
    {
        var report = ShippedSuite.Suite.Run(FakeAssessor.FlagsNothing);

        foreach (var result in report.Functionalities)
        {
            var expected = ShippedSuite.Suite.Cases.Count(c => c.Functionality == result.Functionality && !c.ExpectHateful);
            Assert.Equal(expected, result.Passed);
        }
        Assert.False(report.Meets(overall: 0.9, perFunctionality: 0.7));
        Assert.Equal(0, report.Weakest!.PassRate);
    }

    [Fact]
    public void An_assessor_that_agrees_with_every_expectation_passes_all_and_meets_any_goal()
    {
        var byText = ShippedSuite.Suite.Cases.ToDictionary(c => c.Text);
        var oracle = new FakeAssessor(text =>
        {
            var c = byText[text];
            return (c.ExpectAntisemitic, c.ExpectHateful, c.Code ?? ContentCode.None);
        });

        var report = ShippedSuite.Suite.Run(oracle);

        Assert.Equal(ShippedSuite.Suite.Cases.Count, report.Passed);
        Assert.Empty(report.Failures);
        Assert.Equal(1.0, report.CodeAccuracy);
        Assert.True(report.Meets(overall: 1.0, perFunctionality: 1.0));
    }

    [Fact]
    public void Counts_passes_failures_and_codes_per_functionality_in_suite_order()
    {
        var suite = Inline(
            "b-1\tslur\tword one\ttrue\ttrue\tantisemitic-slur\texplicit\t",
            "a-1\tneutral\tshalom friends\tfalse\tfalse\tnone\tnot-applicable\t",
            "b-2\tslur\tword two\ttrue\ttrue\t\texplicit\tno code recorded",
            "a-2\tneutral\tother hate\tfalse\ttrue\tother-group-hate\texplicit\t");
        // Hateful for any text containing "word" or "hate", antisemitic never: gets the hate right, misses antisemitism.
        var assessor = new FakeAssessor(text =>
        {
            var hateful = text.Contains("word") || text.Contains("hate");
            return (false, hateful, hateful ? ContentCode.OtherGroupHate : ContentCode.None);
        });

        var report = suite.Run(assessor);

        Assert.Equal(["slur", "neutral"], report.Functionalities.Select(r => r.Functionality));
        var slur = report.Functionalities[0];
        Assert.Equal((2, 0, 1, 0), (slur.Cases, slur.Passed, slur.CodedCases, slur.CodeMatches));
        var neutral = report.Functionalities[1];
        Assert.Equal((2, 2, 2, 2), (neutral.Cases, neutral.Passed, neutral.CodedCases, neutral.CodeMatches));
        Assert.Equal((3, 1), (report.MustFlag.Cases, report.MustFlag.Passed));
        Assert.Equal((1, 1), (report.MustNotFlag.Cases, report.MustNotFlag.Passed));
        Assert.Equal(0.5, report.PassRate);
        Assert.Equal(2.0 / 3, report.CodeAccuracy, precision: 12);
        Assert.Equal(["b-1", "b-2"], report.Failures.Select(f => f.Case.Id));
        Assert.False(report.Failures[0].Antisemitic);
        Assert.True(report.Failures[0].Hateful);
        Assert.Same(slur, report.Weakest);
        Assert.Equal(FakeAssessor.Version, report.ModelVersion);
    }

    [Fact]
    public void Markdown_has_a_row_per_functionality_and_names_failing_cases()
    {
        var suite = Inline(
            "x-1\tconspiracy trope, plain\tthey run it all\ttrue\ttrue\tconspiracy-control-trope\texplicit\t",
            "x-2\tneutral mention of Israel\tbeach day in Haifa\tfalse\tfalse\tnone\tnot-applicable\t");

        var markdown = suite.Run(FakeAssessor.FlagsNothing).ToMarkdown();

        Assert.Contains("| conspiracy trope, plain | 1 | 0 |", markdown);
        Assert.Contains("| neutral mention of Israel | 1 | 1 |", markdown);
        Assert.Contains("`x-1`", markdown);
        Assert.DoesNotContain("`x-2`", markdown);
        Assert.Contains(FakeAssessor.Version, markdown);
    }

    [Fact]
    public void Replacing_the_results_section_keeps_the_surrounding_prose()
    {
        var report = Inline("x-1\tf\tsome text\tfalse\tfalse\tnone\tnot-applicable\t").Run(FakeAssessor.FlagsNothing);
        const string document =
            "# Title\nintro\n<!-- functional-results:start -->\nold table\n<!-- functional-results:end -->\noutro\n";

        var updated = report.ReplaceResultsSection(document);

        Assert.StartsWith("# Title\nintro\n<!-- functional-results:start -->\n", updated);
        Assert.EndsWith("<!-- functional-results:end -->\noutro\n", updated);
        Assert.DoesNotContain("old table", updated);
        Assert.Contains("| f | 1 | 1 |", updated);
        Assert.Equal(updated, report.ReplaceResultsSection(updated));
    }

    [Fact]
    public void Updating_a_document_rewrites_its_results_section_on_disk()
    {
        var report = Inline("x-1\tf\tsome text\tfalse\tfalse\tnone\tnot-applicable\t").Run(FakeAssessor.FlagsNothing);
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "intro\n<!-- functional-results:start -->\n<!-- functional-results:end -->\n");
            report.UpdateDocument(path);
            Assert.Contains("| f | 1 | 1 |", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Replacing_the_results_section_without_markers_is_an_error()
    {
        var report = Inline("x-1\tf\tsome text\tfalse\tfalse\tnone\tnot-applicable\t").Run(FakeAssessor.FlagsNothing);
        Assert.Throws<FormatException>(() => report.ReplaceResultsSection("# no markers here\n"));
    }
}
