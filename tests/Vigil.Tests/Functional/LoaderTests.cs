using Vigil.Detection.Functional;
using Vigil.Model;

namespace Vigil.Tests.Functional;

public sealed class LoaderTests
{
    private const string Header = "id\tfunctionality\ttext\texpect_antisemitic\texpect_hateful\tcode\texplicitness\tnote";
    private const string GoodRow = "ok-1\tf\tfine text\tfalse\tfalse\tnone\tnot-applicable\t";

    private static FormatException LoadError(string source, params string[] lines) =>
        Assert.Throws<FormatException>(() =>
            FunctionalSuite.Parse([(new StringReader(string.Join("\n", lines)), source)]));

    [Theory]
    [InlineData("b-1\tf\ttext\tyes\tfalse\tnone\tnot-applicable\t", "expect_antisemitic must be 'true' or 'false'")]
    [InlineData("b-1\tf\ttext\tfalse\tfalse\tnot-a-code\tnot-applicable\t", "'not-a-code' is not a known content code")]
    [InlineData("b-1\tf\ttext\tfalse\tfalse\tnone\tsubtle\t", "'subtle' is not a known explicitness")]
    [InlineData("b-1\tf\ttext\tfalse\tfalse\tnone", "expected 8 tab-separated columns, found 6")]
    [InlineData("b-1\tf\ttext\ttrue\tfalse\tnone\tnot-applicable\t", "expect_antisemitic is true but expect_hateful is false")]
    [InlineData("b-1\tf\t \tfalse\tfalse\tnone\tnot-applicable\t", "text must not be empty")]
    [InlineData("b-1\tf\tbad \\u20 escape\tfalse\tfalse\tnone\tnot-applicable\t", "'\\u' at column 5 of the text must be followed by 4 hex digits")]
    public void A_bad_row_is_reported_with_source_line_and_problem(string row, string problem)
    {
        var error = LoadError("cases.tsv", "# comment", Header, GoodRow, row);
        Assert.Contains($"cases.tsv:4: {problem}", error.Message);
    }

    [Fact]
    public void Every_bad_row_is_reported_not_just_the_first()
    {
        var error = LoadError("cases.tsv", Header, "b-1\tf\ttext\tmaybe\tfalse\tnone\tnot-applicable\t", GoodRow,
                              "b-2\tf\ttext2\tfalse\tfalse\tnone\tloud\t");
        Assert.Contains("cases.tsv:2:", error.Message);
        Assert.Contains("cases.tsv:4:", error.Message);
    }

    [Fact]
    public void A_wrong_header_is_reported()
    {
        var error = LoadError("cases.tsv", "id\ttext\tlabel", GoodRow);
        Assert.Contains("cases.tsv:1: expected the header", error.Message);
    }

    [Fact]
    public void A_duplicate_id_names_both_places_even_across_files()
    {
        var error = Assert.Throws<FormatException>(() => FunctionalSuite.Parse(
        [
            (new StringReader(Header + "\n" + GoodRow), "a.tsv"),
            (new StringReader(Header + "\n\n" + GoodRow.Replace("fine text", "other text")), "b.tsv"),
        ]));
        Assert.Contains("b.tsv:3: id 'ok-1' is already used at a.tsv:2", error.Message);
    }

    [Fact]
    public void Escapes_in_text_become_the_characters_they_name_and_fields_are_parsed()
    {
        var suite = FunctionalSuite.Parse(
        [
            (new StringReader(Header + "\nz-1\tzero width\tJ\\u200Bews \\u0430nd\ttrue\ttrue\tconspiracy-control-trope\tobfuscated\tnote here"),
             "z.tsv"),
        ]);

        var c = Assert.Single(suite.Cases);
        Assert.Equal("J\u200Bews \u0430nd", c.Text);
        Assert.Equal(("z-1", "zero width", true, true), (c.Id, c.Functionality, c.ExpectAntisemitic, c.ExpectHateful));
        Assert.Equal(ContentCode.ConspiracyControlTrope, c.Code);
        Assert.Equal(Explicitness.Obfuscated, c.Explicitness);
        Assert.Equal(("note here", "z.tsv:2"), (c.Note, c.Source));
    }

    [Fact]
    public void An_empty_code_means_no_code_was_recorded()
    {
        var suite = FunctionalSuite.Parse([(new StringReader(Header + "\nn-1\tf\ttext\tfalse\tfalse\t\tambiguous\t"), "n.tsv")]);
        Assert.Null(Assert.Single(suite.Cases).Code);
    }

    [Fact]
    public void Load_reads_every_tsv_in_a_directory_in_name_order()
    {
        var dir = Directory.CreateTempSubdirectory("vigil-functional-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "b.tsv"), Header + "\nb-1\tf\tsecond\tfalse\tfalse\tnone\tnot-applicable\t\n");
            File.WriteAllText(Path.Combine(dir.FullName, "a.tsv"), Header + "\na-1\tf\tfirst\tfalse\tfalse\tnone\tnot-applicable\t\n");
            File.WriteAllText(Path.Combine(dir.FullName, "readme.txt"), "not a case file");

            var suite = FunctionalSuite.Load(dir.FullName);

            Assert.Equal(["a-1", "b-1"], suite.Cases.Select(c => c.Id));
            Assert.EndsWith("a.tsv:2", suite.Cases[0].Source);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_path_is_named_in_the_error()
    {
        var path = Path.Combine(Path.GetTempPath(), "vigil-no-such-suite-" + Guid.NewGuid().ToString("N"));
        var error = Assert.Throws<FileNotFoundException>(() => FunctionalSuite.Load(path));
        Assert.Contains(path, error.Message);
    }
}
