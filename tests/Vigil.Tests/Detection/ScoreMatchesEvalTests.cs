using Vigil.Cli;
using Vigil.Detection;
using Vigil.Detection.Cascade;
using Vigil.Detection.Evaluation;
using Vigil.Detection.Training;
using Vigil.Tests.Support;
using Vigil.Text;
using Vigil.Text.Csv;

namespace Vigil.Tests.Detection;

/// <summary>
/// A user who scores the ISCA-2023 test split with <c>vigil score</c> gets every row scored (72 of them hold U+FFFD) and
/// the macro-F1 <c>vigil eval</c> prints for it.
/// </summary>
[Collection("console")]
public sealed class ScoreMatchesEvalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-isca-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [SharedDataFact("isca-antisemitism-2023")]
    public void Score_on_the_isca_test_split_scores_every_row_and_gives_evals_figure()
    {
        // The split as a user builds it: the rows of the published file whose TweetID splits.csv puts in "test", once each.
        var folder = SharedData.PathOf("isca-antisemitism-2023");
        var test = ReadCsv(Path.Combine(folder, "splits.csv")).Where(r => r[1] == "test").Select(r => r[0]).ToHashSet();
        var input = Path.Combine(_folder, "isca-test.csv");
        var gold = new Dictionary<string, int>();
        using (var writer = new StreamWriter(input))
        {
            CsvFormat.WriteRow(writer, ["id", "text"]);
            var header = true;
            foreach (var row in ReadCsv(Path.Combine(folder, "Updated_dataset_with_full_text.csv")))
            {
                if (header) { header = false; continue; }
                if (!test.Contains(row[0]) || !gold.TryAdd(row[0], row[3] == "1" ? 1 : 0)) continue;
                CsvFormat.WriteRow(writer, [row[0], row[5]]);
            }
        }
        Assert.Equal(694, gold.Count);

        var output = Path.Combine(_folder, "scored.csv");
        Assert.Equal(0, Program.Main(["score", "--in", input, "--out", output]));

        var scored = ReadCsv(output).ToList();
        var column = scored[0].IndexOf("antisemitic");
        var rows = scored.Skip(1).ToList();
        Assert.Equal(694, rows.Count);
        var predicted = rows.Select(r => r[column] == "1" ? 1 : 0).ToList();
        var fromScore = ClassificationMetrics.From("isca-2023", "test", ["no", "yes"], rows.Select(r => gold[r[0]]).ToList(), predicted,
            predicted.Select(_ => (0.5, true)).ToList());

        // vigil score's default mode, as vigil eval runs it.
        using var detector = CascadeDetector.Create(Detector.LoadDefault(), new CascadeOptions());
        var fromEval = DetectorEvaluation.Run(detector, TrainingCorpus.Load(SharedData.Folder!, seed: 1)).Results
            .Single(r => r.DataSet == TrainingCorpus.Isca && r.Task == "antisemitic (test)");
        Assert.Equal(694, fromEval.Count);
        Assert.Equal(fromEval.MacroF1, fromScore.MacroF1, precision: 12);
    }

    private static IEnumerable<List<string>> ReadCsv(string path)
    {
        using var reader = Utf8Input.OpenText(path);
        var csv = new CsvReader(reader, path);
        var fields = new List<string>();
        while (csv.TryRead(fields, out var line, out var error))
        {
            Assert.True(error is null, csv.At(line, error ?? ""));
            yield return [.. fields];
        }
    }
}
