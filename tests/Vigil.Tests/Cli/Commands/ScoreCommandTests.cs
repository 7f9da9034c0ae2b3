using Vigil.Tests.Detection;
using System.Text;
using Vigil.Cli;

namespace Vigil.Tests.Cli.Commands;

[Collection("console")]
public sealed class ScoreCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-score-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Broken_rows_are_counted_with_line_numbers_and_exit_code_1()
    {
        var input = Path.Combine(_folder, "in.csv");
        using (var file = File.Create(input))
        {
            file.Write(Encoding.UTF8.GetBytes("id,text\na,the weather is nice\nb,\"never closed\nc,ok \"then\" broken\n"));
            file.Write([(byte)'d', (byte)',', 0xC3, 0x28, (byte)'\n']);   // invalid UTF-8 sequence
            file.Write(Encoding.UTF8.GetBytes("e,\"quoted, fine\"\n"));
        }
        var output = Path.Combine(_folder, "out.csv");
        var errors = new StringWriter();
        var original = Console.Error;
        Console.SetError(errors);
        int exit;
        try { exit = Program.Main(["score", "--in", input, "--out", output]); }
        finally { Console.SetError(original); }

        Assert.Equal(1, exit);
        var log = errors.ToString();
        Assert.Contains("in.csv:3: skipped", log);
        Assert.Contains("in.csv:4: skipped", log);
        Assert.Contains("in.csv:5: skipped: invalid UTF-8", log);
        var lines = File.ReadAllLines(output);
        Assert.StartsWith("id,hateful,p_hateful,antisemitic,p_antisemitic,p_hate_speech,p_offensive,p_normal,target,code,", lines[0]);
        Assert.Equal(["a", "e"], lines.Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public void Both_formats_write_the_three_class_probabilities_of_the_same_verdict()
    {
        var input = Path.Combine(_folder, "in.csv");
        File.WriteAllText(input, "id,text\nplain,the weather is lovely today and we are going to the park\nhate,all jews are rats and should be exterminated\n");
        var csv = Path.Combine(_folder, "o.csv");
        var jsonl = Path.Combine(_folder, "o.jsonl");
        Assert.Equal(0, Program.Main(["score", "--in", input, "--out", csv, "--mode", "fast"]));
        Assert.Equal(0, Program.Main(["score", "--in", input, "--out", jsonl, "--mode", "fast"]));

        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        var fromCsv = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(
            cells => cells[0], cells => ThreeClass(name => cells[Array.IndexOf(header, name)]));
        var fromJsonl = File.ReadAllLines(jsonl).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToDictionary(
            row => row.GetProperty("id").GetString()!, row => ThreeClass(name => row.GetProperty(name).GetRawText()));
        foreach (var id in (string[])["plain", "hate"])
        {
            Assert.Equal(fromCsv[id], fromJsonl[id]);
            Assert.InRange(fromCsv[id].Sum(), 0.999, 1.001);
        }
        // The class the verdict puts first: normal for the weather, not normal for the call to exterminate.
        Assert.True(fromCsv["plain"][2] > 0.5, $"p_normal of the weather: {fromCsv["plain"][2]}");
        Assert.True(fromCsv["hate"][2] < 0.5, $"p_normal of the call to exterminate: {fromCsv["hate"][2]}");
    }

    private static double[] ThreeClass(Func<string, string> column) =>
        new[] { "p_hate_speech", "p_offensive", "p_normal" }.Select(name => double.Parse(column(name), System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void Missing_text_column_is_a_usage_error()
    {
        var input = Path.Combine(_folder, "in.jsonl");
        File.WriteAllText(input, "{\"id\":1,\"text\":\"hello\"}\n");
        var csv = Path.Combine(_folder, "in.csv");
        File.WriteAllText(csv, "id,body\n1,hello\n");
        Assert.Equal(2, Program.Main(["score", "--in", csv, "--out", Path.Combine(_folder, "o.csv")]));
        Assert.Equal(0, Program.Main(["score", "--in", input, "--out", Path.Combine(_folder, "o.jsonl")]));
        Assert.Contains("\"id\":\"1\"", File.ReadAllText(Path.Combine(_folder, "o.jsonl")));
    }

    [Fact]
    public void Jsonl_rows_without_text_are_set_aside()
    {
        var input = Path.Combine(_folder, "in.jsonl");
        File.WriteAllText(input, "{\"id\":\"x\",\"text\":\"hello there\"}\n{\"id\":\"y\"}\nnot json\n");
        var exit = Program.Main(["score", "--in", input, "--out", Path.Combine(_folder, "o.csv")]);
        Assert.Equal(1, exit);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_folder, "o.csv")).Length);
    }
}
