using Vigil.Model;

namespace Vigil.Detection.Training;

/// <summary>
/// Hand-written training sentences for what the data sets barely show: coded conspiracy tropes (positives), and the
/// speech around antisemitism that must stay untouched — counter-speech, quotation to condemn, reporting, negation,
/// remembrance, Jewish identity, criticism of Israel's government (negatives). Built from templates × fillers with a
/// seeded choice, so the same seed gives the same rows. Written for this project; no data-set or test-suite text.
/// </summary>
internal static class Augmentation
{
    public const string Source = "augmentation";
    private const int RowsPerTemplate = 6;

    private static readonly string[] Group = ["jews", "the jews", "jewish people", "(((they)))", "the zionists", "the globalists", "rothschilds", "the jewish elite"];
    private static readonly string[] Domain = ["the media", "the banks", "hollywood", "the government", "the federal reserve", "congress", "the world", "the money supply"];
    private static readonly string[] Figure = ["soros", "the rothschilds", "the globalist bankers", "the cabal", "(((soros)))", "the international bankers"];

    private static readonly string[] Antisemitic =
    [
        "{group} control {domain}",
        "{group} secretly run {domain}",
        "wake up, {group} own {domain} and want us replaced",
        "{figure} is pulling the strings of {domain}",
        "{figure} funds the chaos, they own {domain}",
        "notice who runs {domain}? always {group}",
        "the globalists behind {domain} answer to their own tribe",
        "the holocaust never happened, it is a hoax to control {domain}",
        "{group} are parasites feeding on {domain}",
        "6 million? more like 6 thousand, the holohoax is how they own {domain}",
        "every war is fought for {group} who own {domain}",
        "{group} are loyal only to israel, never to this country",
    ];

    private static readonly string[] NotAntisemitic =
    [
        "saying {group} control {domain} is an antisemitic conspiracy theory",
        "the claim that {group} run {domain} is a lie that got people killed",
        "i don't think jews control {domain}, that is an old antisemitic myth",
        "no, jews do not control {domain} and never did",
        "he posted \"{group} control {domain}\" and that is hateful antisemitism",
        "reporting this account: it keeps claiming {group} own {domain}",
        "we stand against antisemitism and hate in all its forms",
        "antisemitism has no place in our community, we stand with our jewish neighbours",
        "police are investigating antisemitic graffiti found on a synagogue",
        "a new survey reports a rise in antisemitic incidents this year",
        "today we remember the six million jews murdered in the holocaust",
        "my grandmother survived auschwitz and we honour the victims every year",
        "proud to be jewish and celebrating shabbat with my family",
        "happy hanukkah to all my jewish friends and neighbours",
        "jewish culture and heritage enrich our city",
        "thousands of israelis protest netanyahu's judicial overhaul",
        "netanyahu's government is undermining israeli democracy with this judicial reform",
        "i oppose the israeli government's settlement policy",
        "criticising israel's government is not antisemitism",
        "the protests against the judicial overhaul in tel aviv continue for another week",
        "teaching about the holocaust helps students understand where antisemitism leads",
        "the article explains how the rothschild conspiracy myth spread in the 19th century",
    ];

    public static IEnumerable<LabeledText> Rows(int seed)
    {
        var random = new SeededRandom(seed);
        foreach (var (templates, label) in new[] { (Antisemitic, 1), (NotAntisemitic, 0) })
        {
            foreach (var template in templates)
            {
                var variants = template.Contains('{') ? RowsPerTemplate : 2;
                for (var i = 0; i < variants; i++)
                {
                    var text = template
                        .Replace("{group}", random.Pick(Group))
                        .Replace("{domain}", random.Pick(Domain))
                        .Replace("{figure}", random.Pick(Figure));
                    yield return new LabeledText(Source, DataSplit.Train, text)
                    {
                        Antisemitic = label,
                        Hateful = label,
                        Target = LabeledText.TargetJews,
                    };
                }
            }
        }
        foreach (var row in Seeds()) yield return row;
    }

    /// <summary>
    /// The hand-written sentences of <c>augmentation-seeds.tsv</c> (embedded): plain statements of each antisemitic
    /// code that the data sets rarely hold, hate toward other groups, and the legitimate speech around them (criticism
    /// of a government, negation, counter-speech, reporting, remembrance, Jewish life).
    /// </summary>
    public static IEnumerable<LabeledText> Seeds()
    {
        const string name = "Vigil.Detection.Training.augmentation-seeds.tsv";
        using var stream = typeof(Augmentation).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded augmentation seeds '{name}' are missing from the build.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var rows = new List<LabeledText>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#') continue;
            var cells = line.Split('\t');
            if (cells.Length != 4 || cells[0] is not ("0" or "1") || cells[1] is not ("0" or "1"))
                throw new FormatException($"augmentation-seeds.tsv:{lineNumber}: expected antisemitic (0/1), hateful (0/1), target, text.");
            var target = cells[2] switch
            {
                "jews" => LabeledText.TargetJews,
                "other" => LabeledText.TargetOther,
                "none" => LabeledText.TargetNone,
                _ => throw new FormatException($"augmentation-seeds.tsv:{lineNumber}: target must be jews, other or none, not '{cells[2]}'."),
            };
            rows.Add(new LabeledText(Source, DataSplit.Train, cells[3])
            {
                Antisemitic = cells[0][0] - '0',
                Hateful = cells[1][0] - '0',
                Target = target,
            });
        }
        return rows;
    }

}
