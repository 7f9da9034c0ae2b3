using System.Text.Json;
using Vigil.Cli.Hosting;

namespace Vigil.Tests.Cli;

/// <summary><c>--format table|json|csv</c>, and tables that stay whole when stdout is not a terminal (here, a pipe).</summary>
public sealed class OutputFormatTests(CliWorkspace workspace) : IClassFixture<CliWorkspace>
{
    private static ResultTable Sample() => new ResultTable("coverage", "true prevalence", "design", "coverage of 95% CI", "labels for ±20%")
        .Add(Cell.Share(0.001), "score-stratified (Neyman) with a long design name that no 80-column log could hold", Cell.Share(0.951), Cell.Count(12_345))
        .Add(Cell.Share(0.05), "simple | random", Cell.Share(double.NaN), new Cell("> population", null));

    [Fact]
    public void Without_a_terminal_a_table_is_markdown_one_line_per_row_however_wide()
    {
        var text = new StringWriter();
        new ResultOutput(OutputFormat.Table, text, TextWriter.Null, terminal: false).Write(Sample());

        var lines = text.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("| true prevalence | design ", lines[0]);
        Assert.Contains("| coverage of 95% CI |", lines[0]);
        Assert.Matches(@"^\| -+: \| -+ \| -+: \| -+: \|$", lines[1]);
        Assert.Contains("no 80-column log could hold", lines[2]);
        Assert.Contains(@"simple \| random", lines[3]);
        Assert.All(lines, line => Assert.Equal(lines[0].Length, line.Length));
    }

    [Fact]
    public void Json_gives_numbers_as_numbers_and_csv_gives_fractions()
    {
        var json = new StringWriter();
        new ResultOutput(OutputFormat.Json, json, TextWriter.Null, terminal: false).Write(Sample());
        using var document = JsonDocument.Parse(json.ToString());
        var first = document.RootElement.GetProperty("coverage")[0];
        Assert.Equal(0.951, first.GetProperty("coverage of 95% CI").GetDouble());
        Assert.Equal(12_345, first.GetProperty("labels for ±20%").GetInt64());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("coverage")[1].GetProperty("coverage of 95% CI").ValueKind);

        var csv = new StringWriter();
        new ResultOutput(OutputFormat.Csv, csv, TextWriter.Null, terminal: false).Write(Sample());
        var rows = csv.ToString().Split('\n');
        Assert.Equal("true prevalence,design,coverage of 95% CI,labels for ±20%", rows[0]);
        Assert.EndsWith(",0.951,12345", rows[1]);
    }

    [Fact]
    public void Notes_leave_stdout_to_the_document_in_json_and_csv()
    {
        var output = new StringWriter();
        var notes = new StringWriter();
        var result = new ResultOutput(OutputFormat.Json, output, notes, terminal: false);
        result.Write(Sample());
        result.Note("3 pending.");

        Assert.Equal("3 pending.\n", notes.ToString());
        using var _ = JsonDocument.Parse(output.ToString());
    }

    [Theory]
    [InlineData("stats", "--db", "{db}")]
    [InlineData("appeal", "stats", "--db", "{db}")]
    [InlineData("review", "queue", "--db", "{db}")]
    [InlineData("taxonomy")]
    [InlineData("measure", "validate", "--replications", "2", "--posts", "1000", "--labels-per-sample", "10", "--search-replications", "0")]
    public void Commands_print_the_same_results_as_json_and_csv(params string[] args)
    {
        var json = Stdout([.. args, "--format", "json"]);
        using var document = JsonDocument.Parse(json);
        var table = document.RootElement.EnumerateObject().First();
        var csv = Stdout([.. args, "--format", "csv"]).Split('\n');
        Assert.Equal(string.Join(',', table.Value[0].EnumerateObject().Select(p => p.Name.Contains(',') ? $"\"{p.Name}\"" : p.Name)), csv[0]);
        Assert.Equal(table.Value.GetArrayLength(), csv.TakeWhile(line => line.Length > 0).Count() - 1);
    }

    [Fact]
    public void Measure_validate_keeps_its_header_on_one_line_in_a_log()
    {
        var text = Stdout(["measure", "validate", "--replications", "2", "--posts", "1000", "--labels-per-sample", "10", "--search-replications", "0"]);

        var header = Assert.Single(text.Split('\n'), line => line.StartsWith("| true prevalence", StringComparison.Ordinal));
        Assert.Contains("| coverage of 95% CI |", header);
        Assert.Contains("| labels for ±20% |", header);
    }

    private string Stdout(string[] args)
    {
        var (exit, stdout, stderr) = VigilProcess.Run(workspace.Folder, workspace.Resolve(args));
        Assert.True(exit == 0, stderr);
        return stdout;
    }
}
