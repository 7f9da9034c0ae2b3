using Vigil.Tests.Functional;
using Vigil.Cli;

namespace Vigil.Tests.Cli.Commands;

public sealed class FunctionalCommandTests
{
    private const string Header = "id\tfunctionality\ttext\texpect_antisemitic\texpect_hateful\tcode\texplicitness\tnote";

    [Fact]
    public void Runs_a_suite_and_rewrites_the_results_section_of_the_given_document()
    {
        var dir = Directory.CreateTempSubdirectory("vigil-functional-cli-");
        try
        {
            var cases = Path.Combine(dir.FullName, "cases.tsv");
            File.WriteAllText(cases, Header + "\nc-1\tneutral mention of Judaism\tHappy Purim to everyone in costume today!\tfalse\tfalse\tnone\tnot-applicable\t\n");
            var doc = Path.Combine(dir.FullName, "doc.md");
            File.WriteAllText(doc, "<!-- functional-results:start -->\nstale\n<!-- functional-results:end -->\n");

            var exit = Program.Main(["functional", "--cases", cases, "--doc", doc]);

            Assert.Equal(0, exit);
            var written = File.ReadAllText(doc);
            Assert.DoesNotContain("stale", written);
            Assert.Contains("| neutral mention of Judaism | 1 |", written);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_bad_case_file_is_an_input_error()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, Header + "\nc-1\tf\ttext\tperhaps\tfalse\tnone\tnot-applicable\t\n");
            Assert.Equal(2, Program.Main(["functional", "--cases", path]));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
