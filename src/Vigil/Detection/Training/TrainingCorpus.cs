using System.Text;
using Vigil.Text.Csv;
using Vigil.Text;

namespace Vigil.Detection.Training;

/// <summary>
/// Reads the labelled data sets under <c>../shared/data</c> (layout in its README) into <see cref="LabeledText"/>s,
/// with their official splits where they have one and seeded splits where they do not. ISCA's <c>Keyword</c> column
/// is how the tweets were collected and leaks the label: it is never read.
/// </summary>
public static partial class TrainingCorpus
{
    public const string Isca = "isca-2023", HateXplain = "hatexplain", Davidson = "davidson-2017",
        ToxiGen = "toxigen-seeds", Hatemoji = "hatemoji-build";

    /// <summary>Throws <see cref="DirectoryNotFoundException"/> with a clear message when the data folder is absent.</summary>
    public static List<LabeledText> Load(string dataFolder, int seed)
    {
        if (!Directory.Exists(Path.Combine(dataFolder, "isca-antisemitism-2023")))
            throw new DirectoryNotFoundException(
                $"Training data not found at '{Path.GetFullPath(dataFolder)}' (expected isca-antisemitism-2023/ and the other sets there).");
        var rows = new List<LabeledText>(64_000);
        rows.AddRange(LoadIsca(dataFolder));
        rows.AddRange(LoadHateXplain(dataFolder));
        rows.AddRange(LoadDavidson(dataFolder, seed));
        rows.AddRange(LoadToxiGen(dataFolder, seed));
        rows.AddRange(LoadHatemoji(dataFolder));
        rows.AddRange(LoadOtherLanguages(dataFolder));
        rows.AddRange(LoadCounterSpeech(dataFolder));
        return rows;
    }

    private static IEnumerable<LabeledText> LoadIsca(string data)
    {
        var folder = Path.Combine(data, "isca-antisemitism-2023");
        var splits = new Dictionary<string, DataSplit>();
        foreach (var row in ReadCsv(Path.Combine(folder, "splits.csv")))
            splits[row["TweetID"]] = ParseSplit(row["split"]);
        // Four tweets appear twice in the file; each is counted once, as splits.csv lists it and as a user's own copy
        // of a split (one row per tweet) holds it, so that `vigil eval` and `vigil score` see the same rows.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in ReadCsv(Path.Combine(folder, "Updated_dataset_with_full_text.csv")))
        {
            if (!splits.TryGetValue(row["TweetID"], out var split) || !seen.Add(row["TweetID"])) continue;
            var biased = row["Biased"] == "1" ? 1 : 0;
            yield return new LabeledText(Isca, split, row["Text"])
            {
                Antisemitic = biased,
                Hateful = biased,
                Target = biased == 1 ? LabeledText.TargetJews : LabeledText.Unknown,
            };
        }
    }

    private static IEnumerable<LabeledText> LoadHateXplain(string data)
    {
        var folder = Path.Combine(data, "hatexplain");
        foreach (var row in ReadCsv(Path.Combine(folder, "hatexplain_train_flat.csv")))
            yield return HateXplainRow(DataSplit.Train, row["text"], row["majority_label"], row["targets_union_any_annotator"]);
        foreach (var row in ReadCsv(Path.Combine(folder, "hatexplain_test_val_flat.csv")))
            yield return HateXplainRow(ParseSplit(row["split"]), row["text"], row["majority_label"], row["targets_ge2"]);
    }

    private static LabeledText HateXplainRow(DataSplit split, string text, string label, string targets)
    {
        var hx3 = label switch
        {
            "hatespeech" => LabeledText.Hx3Hate,
            "offensive" => LabeledText.Hx3Offensive,
            _ => LabeledText.Hx3Normal,
        };
        var jewish = targets.Contains("Jewish", StringComparison.Ordinal);
        var target = jewish ? LabeledText.TargetJews
            : targets.Length == 0 || targets == "None" ? LabeledText.TargetNone
            : LabeledText.TargetOther;
        return new LabeledText(HateXplain, split, text)
        {
            Hx3 = hx3,
            Hateful = hx3 == LabeledText.Hx3Hate ? 1 : 0,
            // Hate aimed at Jews is antisemitic; offensive or normal talk about Jews is not evidence either way.
            Antisemitic = jewish && hx3 == LabeledText.Hx3Hate ? 1 : jewish && hx3 == LabeledText.Hx3Normal ? 0 : LabeledText.Unknown,
            Target = target,
        };
    }

    private static IEnumerable<LabeledText> LoadDavidson(string data, int seed)
    {
        foreach (var row in ReadCsv(Path.Combine(data, "davidson-2017", "labeled_data.csv")))
        {
            var label = row["class"];
            yield return new LabeledText(Davidson, SeededSplit(row[""], seed), row["tweet"])
            {
                Hateful = label == "0" ? 1 : 0,
                Hx3 = label switch { "0" => LabeledText.Hx3Hate, "1" => LabeledText.Hx3Offensive, _ => LabeledText.Hx3Normal },
            };
        }
    }

    private static IEnumerable<LabeledText> LoadToxiGen(string data, int seed)
    {
        foreach (var row in ReadCsv(Path.Combine(data, "toxigen-seeds", "toxigen_seed_sentences_dedup.csv")))
        {
            var hate = row["prompt_label"] == "hate" ? 1 : 0;
            var jewish = row["target_group"] == "jewish";
            yield return new LabeledText(ToxiGen, SeededSplit(row["text"], seed), row["text"])
            {
                Hateful = hate,
                Antisemitic = jewish ? hate : LabeledText.Unknown,
                Target = jewish ? LabeledText.TargetJews : LabeledText.TargetOther,
            };
        }
    }

    private static IEnumerable<LabeledText> LoadHatemoji(string data)
    {
        // The published files already keep each matched_id pair inside one split.
        foreach (var (file, split) in new[] { ("train", DataSplit.Train), ("validation", DataSplit.Dev), ("test", DataSplit.Test) })
        {
            foreach (var row in ReadCsv(Path.Combine(data, "hatemoji-build", $"HatemojiBuild_{file}.csv")))
            {
                var hate = row["label_gold"] == "1" ? 1 : 0;
                var targets = row["target"];
                var jewish = targets.Contains("'jew'", StringComparison.Ordinal);
                yield return new LabeledText(Hatemoji, split, row["text"])
                {
                    Hateful = hate,
                    Antisemitic = jewish ? hate : LabeledText.Unknown,
                    Target = jewish ? LabeledText.TargetJews
                        : targets == "['none']" ? (hate == 1 ? LabeledText.Unknown : LabeledText.TargetNone)
                        : LabeledText.TargetOther,
                };
            }
        }
    }

    /// <summary>80/10/10 by a seeded hash of a stable key, so the split never depends on file order.</summary>
    internal static DataSplit SeededSplit(string key, int seed)
    {
        var bucket = FeatureHash.Combine(FeatureHash.Word(key), (uint)seed) % 10;
        return bucket switch { 0 => DataSplit.Dev, 1 => DataSplit.Test, _ => DataSplit.Train };
    }

    private static DataSplit ParseSplit(string value) => value switch
    {
        "train" => DataSplit.Train,
        "dev" or "val" or "validation" => DataSplit.Dev,
        "test" => DataSplit.Test,
        _ => throw new FormatException($"unknown split '{value}'"),
    };

    /// <summary>Rows as header → value maps; a malformed row in a data set is a hard error naming file and line.</summary>
    private static IEnumerable<Dictionary<string, string>> ReadCsv(string path)
    {
        using var reader = Utf8Input.OpenText(path);
        var csv = new CsvReader(reader, path);
        var fields = new List<string>();
        if (!csv.TryRead(fields, out _, out var headerError) || headerError is not null)
            throw new FormatException(csv.At(1, $"cannot read the header ({headerError ?? "empty file"})."));
        var header = fields.ToArray();
        while (csv.TryRead(fields, out var line, out var error))
        {
            if (error is not null) throw new FormatException(csv.At(line, $"{error}."));
            if (fields.Count != header.Length)
                throw new FormatException(csv.At(line, $"expected {header.Length} fields, found {fields.Count}."));
            var row = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++) row[header[i]] = fields[i];
            yield return row;
        }
    }
}
