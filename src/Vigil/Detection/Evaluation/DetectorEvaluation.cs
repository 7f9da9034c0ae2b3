using System.Globalization;
using System.Text;
using Vigil.Detection.Training;

namespace Vigil.Detection.Evaluation;

/// <summary>
/// Runs the detector over the held-out splits of every data set and reports what the issue asks: ISCA-2023 dev and
/// test (antisemitic), HateXplain test (3-class and toxic-vs-normal), Davidson (seeded test split, 3-class), Hatemoji
/// test and ToxiGen seeds (seeded test split) for hateful.
/// </summary>
public static class DetectorEvaluation
{
    private static readonly string[] Binary = ["no", "yes"];
    private static readonly string[] Hx3Classes = ["hate", "offensive", "normal"];

    public static IReadOnlyList<ClassificationMetrics> Run(Detector detector, IReadOnlyList<LabeledText> corpus)
    {
        var verdicts = ScoreAll(detector, corpus);
        var results = new List<ClassificationMetrics>
        {
            Antisemitic(corpus, verdicts, TrainingCorpus.Isca, DataSplit.Dev),
            Antisemitic(corpus, verdicts, TrainingCorpus.Isca, DataSplit.Test),
            ThreeClass(corpus, verdicts, TrainingCorpus.HateXplain),
            Toxic(corpus, verdicts, TrainingCorpus.HateXplain),
            ThreeClass(corpus, verdicts, TrainingCorpus.Davidson),
            Hateful(corpus, verdicts, TrainingCorpus.Hatemoji),
            Hateful(corpus, verdicts, TrainingCorpus.ToxiGen),
        };
        return results;
    }

    private static Verdict[] ScoreAll(Detector detector, IReadOnlyList<LabeledText> corpus)
    {
        var verdicts = new Verdict[corpus.Count];
        Parallel.For(0, corpus.Count, detector.CreateSession, (i, _, session) =>
        {
            if (corpus[i].Split != DataSplit.Train) verdicts[i] = session.Score(corpus[i].Text);
            return session;
        }, _ => { });
        return verdicts;
    }

    private static ClassificationMetrics Antisemitic(IReadOnlyList<LabeledText> corpus, Verdict[] verdicts, string source, DataSplit split) =>
        BinaryTask(corpus, verdicts, source, split, $"antisemitic ({split.ToString().ToLowerInvariant()})",
            r => r.Antisemitic, v => (v.Antisemitic, v.PAntisemitic));

    private static ClassificationMetrics Hateful(IReadOnlyList<LabeledText> corpus, Verdict[] verdicts, string source) =>
        BinaryTask(corpus, verdicts, source, DataSplit.Test, "hateful (test)", r => r.Hateful, v => (v.Hateful, v.PHateful));

    private static ClassificationMetrics Toxic(IReadOnlyList<LabeledText> corpus, Verdict[] verdicts, string source) =>
        BinaryTask(corpus, verdicts, source, DataSplit.Test, "toxic = hate or offensive (test)",
            r => r.Hx3 == LabeledText.Unknown ? LabeledText.Unknown : r.Hx3 == LabeledText.Hx3Normal ? 0 : 1,
            v => (v.PNormal < 0.5, 1 - v.PNormal));

    private static ClassificationMetrics BinaryTask(IReadOnlyList<LabeledText> corpus, Verdict[] verdicts, string source,
        DataSplit split, string task, Func<LabeledText, int> label, Func<Verdict, (bool Flag, double P)> prediction)
    {
        var gold = new List<int>();
        var predicted = new List<int>();
        var confidence = new List<(double, bool)>();
        for (var i = 0; i < corpus.Count; i++)
        {
            var row = corpus[i];
            if (row.Source != source || row.Split != split || label(row) == LabeledText.Unknown) continue;
            var (flag, p) = prediction(verdicts[i]);
            gold.Add(label(row));
            predicted.Add(flag ? 1 : 0);
            confidence.Add((p, label(row) == 1));
        }
        return ClassificationMetrics.From(source, task, Binary, gold, predicted, confidence);
    }

    private static ClassificationMetrics ThreeClass(IReadOnlyList<LabeledText> corpus, Verdict[] verdicts, string source)
    {
        var gold = new List<int>();
        var predicted = new List<int>();
        var confidence = new List<(double, bool)>();
        Span<double> p = stackalloc double[3];
        for (var i = 0; i < corpus.Count; i++)
        {
            var row = corpus[i];
            if (row.Source != source || row.Split != DataSplit.Test || row.Hx3 == LabeledText.Unknown) continue;
            var v = verdicts[i];
            p[0] = v.PHateSpeech; p[1] = v.POffensive; p[2] = v.PNormal;
            var best = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
            gold.Add(row.Hx3);
            predicted.Add(best);
            confidence.Add((p[best], best == row.Hx3));
        }
        return ClassificationMetrics.From(source, "3-class (test)", Hx3Classes, gold, predicted, confidence);
    }

    /// <summary>The markdown section written into docs/EVALUATION.md.</summary>
    public static string ToMarkdown(IReadOnlyList<ClassificationMetrics> results, string modelVersion, string command)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("## Detection").AppendLine();
        md.AppendLine($"Model `{modelVersion}`. Reproduce with `{command}` (needs `../shared/data`). " +
                      "ECE = expected calibration error, 10 equal-width bins, on the probability of the positive class " +
                      "(binary) or of the predicted class (3-class).").AppendLine();
        md.AppendLine("| data set | task | n | accuracy | macro-F1 | per-class F1 | ECE |");
        md.AppendLine("|---|---|---:|---:|---:|---|---:|");
        foreach (var r in results)
        {
            var perClass = string.Join(", ", r.Classes.Select((c, k) => string.Create(inv, $"{c} {r.F1(k):F3}")));
            md.AppendLine(string.Create(inv,
                $"| {r.DataSet} | {r.Task} | {r.Count} | {r.Accuracy:F3} | {r.MacroF1:F3} | {perClass} | {r.ExpectedCalibrationError:F3} |"));
        }
        md.AppendLine().AppendLine("Confusion matrices (rows = gold, columns = predicted):").AppendLine();
        foreach (var r in results)
        {
            md.AppendLine($"- {r.DataSet}, {r.Task}: " + string.Join("; ", r.Classes.Select((c, g) =>
                $"{c} → [{string.Join(", ", Enumerable.Range(0, r.Classes.Count).Select(p => r.Confusion[g, p]))}]")));
        }
        return md.ToString();
    }
}
