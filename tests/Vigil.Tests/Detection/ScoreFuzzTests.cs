using System.Text;
using CsCheck;
using Vigil.Detection;
using Vigil.Detection.Batch;
using Vigil.Detection.Cascade;
using Vigil.Ingest;
using Vigil.Tests.Ingest;

namespace Vigil.Tests.Detection;

/// <summary>Damaged score inputs (CSV and JSONL) are read to the end: every row scored or skipped with its line.</summary>
public sealed class ScoreFuzzTests : IDisposable
{
    private static readonly CascadeDetector Scorer = CascadeDetector.Create(Detector.LoadDefault(), new CascadeOptions { Mode = ScoringMode.Fast });
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-score-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("in.csv", IngestFormat.Csv)]
    [InlineData("in.jsonl", IngestFormat.Vigil)]
    public void Any_damaged_input_is_scored_or_skipped_row_by_row(string name, IngestFormat shape)
    {
        var input = Path.Combine(_folder, name);
        var output = Path.Combine(_folder, "out.jsonl");
        RecordMutations.File(shape, longStringBytes: 100_000, nestingDepth: 10_000).Sample(bytes =>
        {
            File.WriteAllBytes(input, bytes);
            var diagnostics = new StringWriter();
            ScoreFileResult result;
            try
            {
                result = BatchScorer.Run(Scorer, new ScoreFileOptions(input, output) { Workers = 1 }, diagnostics);
            }
            catch (FormatException e)
            {
                // Only a header that cannot be read stops the run, and it says where.
                Assert.StartsWith($"{input}:", e.Message);
                return;
            }
            Assert.Equal(result.Rows, result.Scored + result.Skipped);
            Assert.Equal(result.Scored, File.ReadLines(output).Count());
            var named = new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(input)}(:[0-9]+: skipped: |: [0-9]+ more skipped)");
            foreach (var line in diagnostics.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries))
                Assert.True(named.IsMatch(line), line);
        }, iter: 60, threads: 1, print: bytes => Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 2000)]));
    }
}
