namespace Vigil.Detection.Training;

/// <summary>
/// The offensive- and hate-speech sets in German, Spanish, Portuguese, Polish, Arabic, French and Hebrew, and the
/// counter-speech replies. Each folder's <c>splits.csv</c> fixes its split. Their labels are harmonised onto the
/// 3-class head (hate / offensive / normal) and, where a label says hate toward a group or says "not offensive at all",
/// onto the hateful head; an offensive-but-not-hateful row says nothing about hate and does not train that head.
/// <c>hatebr</c> is left out: its licence (CC BY-NC) does not allow the shipped weights to use it.
/// </summary>
public static partial class TrainingCorpus
{
    public const string GermEval2018 = "germeval-2018", GermEval2021 = "germeval-2021", OffendEs = "offendes-2021",
        ToldBr = "told-br", PolEval = "poleval-2019-task6", LHsab = "l-hsab", Mlma = "mlma-2019",
        HebrewOffensive = "hebrew-offensive", CounterSpeech = "counterspeech-reddit";

    /// <summary>ToLD-BR's categories of hate toward a group (the others are insult and obscenity).</summary>
    private static readonly string[] ToldBrGroupCategories = ["homophobia", "racism", "misogyny", "xenophobia"];

    /// <summary>MLMA's <c>group</c> values that name a protected group (the rest are individuals, "other", political sides).</summary>
    private static readonly HashSet<string> MlmaProtectedGroups =
        ["women", "african_descent", "indian/hindu", "arabs", "refugees", "immigrants", "muslims", "gay", "asians", "hispanics", "christian", "special_needs"];

    private static IEnumerable<LabeledText> LoadOtherLanguages(string data)
    {
        foreach (var (row, split) in Split(data, GermEval2018, "germeval2018.csv"))
        {
            // ABUSE is GermEval's degradation of a person for a social identity, the closest it has to hate speech.
            var fine = row["label_fine"];
            yield return Graded(GermEval2018, split, row, hate: fine == "ABUSE", normal: fine == "OTHER");
        }
        foreach (var file in new[] { "GermEval21_TrainData.csv", "GermEval21_TestData.csv" })
        {
            foreach (var (row, split) in Split(data, GermEval2021, file, "comment_id"))
            {
                var toxic = row["Sub1_Toxic"] == "1";
                yield return Graded(GermEval2021, split, row, hate: false, normal: !toxic, text: row["comment_text"], language: "de");
            }
        }
        foreach (var (row, split) in Split(data, OffendEs, "offendes.csv"))
            yield return Graded(OffendEs, split, row, hate: row["label"] == "OFG", normal: row["label"] == "NO");
        foreach (var (row, split) in Split(data, ToldBr, "told-br.csv"))
        {
            var toxic = row["label"] == "1";
            var groupHate = toxic && ToldBrGroupCategories.Any(c => int.Parse(row[c]) >= 2);
            yield return Graded(ToldBr, split, row, hate: groupHate, normal: !toxic);
        }
        foreach (var (row, split) in Split(data, PolEval, "poleval2019_task6.csv"))
            yield return Graded(PolEval, split, row, hate: row["label"] == "2", normal: row["label"] == "0");
        foreach (var (row, split) in Split(data, LHsab, "l-hsab.csv"))
            yield return Graded(LHsab, split, row, hate: row["label"] == "hate", normal: row["label"] == "normal");
        foreach (var (row, split) in Split(data, Mlma, "mlma.csv"))
        {
            // Annotators' labels are joined by "_"; any "hateful" among them counts, a plain "normal" is the only normal.
            var sentiment = row["sentiment"];
            var hate = sentiment.Contains("hateful", StringComparison.Ordinal);
            var graded = Graded(Mlma, split, row, hate, normal: sentiment == "normal");
            var jews = row["group"] == "jews";
            yield return graded with
            {
                Antisemitic = jews && hate ? 1 : jews && sentiment == "normal" ? 0 : LabeledText.Unknown,
                Target = jews ? LabeledText.TargetJews : MlmaProtectedGroups.Contains(row["group"]) ? LabeledText.TargetOther : LabeledText.Unknown,
            };
        }
        foreach (var (row, split) in Split(data, HebrewOffensive, "hebrew.csv"))
            yield return Graded(HebrewOffensive, split, row, hate: false, normal: row["label"] == "0");
    }

    /// <summary>
    /// Reddit replies: counter-speech (label 2), replies siding with the hateful parent (1), other replies (0). Held
    /// out for evaluation: it measures whether counter-speech, which may itself be uncivil, is left unflagged.
    /// </summary>
    private static IEnumerable<LabeledText> LoadCounterSpeech(string data)
    {
        foreach (var (row, split) in Split(data, CounterSpeech, "counterspeech.csv"))
            yield return new LabeledText(CounterSpeech, split, row["text"]) { Hateful = row["label"] == "1" ? 1 : 0, EvaluationOnly = true };
    }

    /// <summary>A row graded hate / offensive / normal; "hateful" is known only at the two ends of that scale.</summary>
    private static LabeledText Graded(string source, DataSplit split, Dictionary<string, string> row, bool hate, bool normal,
        string? text = null, string? language = null) =>
        new(source, split, text ?? row["text"])
        {
            Hx3 = hate ? LabeledText.Hx3Hate : normal ? LabeledText.Hx3Normal : LabeledText.Hx3Offensive,
            Hateful = hate ? 1 : normal ? 0 : LabeledText.Unknown,
            Language = language ?? row["language"],
        };

    /// <summary>A folder's rows with the split its <c>splits.csv</c> gives them; a row missing from it is an error.</summary>
    private static IEnumerable<(Dictionary<string, string> Row, DataSplit Split)> Split(string data, string folder, string file, string idColumn = "id")
    {
        var splits = new Dictionary<string, DataSplit>(StringComparer.Ordinal);
        foreach (var row in ReadCsv(Path.Combine(data, folder, "splits.csv"))) splits[row["id"]] = ParseSplit(row["split"]);
        foreach (var row in ReadCsv(Path.Combine(data, folder, file)))
        {
            if (!splits.TryGetValue(row[idColumn], out var split))
                throw new FormatException($"{Path.Combine(data, folder, file)}: id '{row[idColumn]}' is not in splits.csv.");
            yield return (row, split);
        }
    }
}
