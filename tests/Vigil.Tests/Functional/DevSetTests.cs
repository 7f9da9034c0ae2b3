using Vigil.Detection;
using Vigil.Detection.Functional;
using Vigil.Text;

namespace Vigil.Tests.Functional;

/// <summary>
/// The development set (<c>Functional/dev</c>): hand-written cases the detector is tuned on, so that the functional suite
/// (<c>Functional/cases</c>) stays a test set. These tests keep the two apart and hold the shipped detector to a floor on
/// the development set.
/// </summary>
public sealed class DevSetTests
{
    /// <summary>Token Jaccard similarity at or above which two texts count as the same case reworded.</summary>
    private const double NearDuplicate = 0.8;

    private static readonly Lazy<FunctionalSuite> Dev =
        new(() => FunctionalSuite.Load(Path.Combine(AppContext.BaseDirectory, "Functional", "dev")));

    private static IReadOnlyList<FunctionalCase> DevCases => Dev.Value.Cases;

    [Fact]
    public void Dev_set_has_at_least_250_cases_and_five_per_functionality()
    {
        Assert.True(DevCases.Count >= 250, $"only {DevCases.Count} cases");
        var thin = CaseFileChecks.ThinFunctionalities(DevCases);
        Assert.True(thin.Count == 0, "fewer than 5 cases: " + string.Join(", ", thin));
    }

    [Fact]
    public void Dev_expectations_follow_the_consensus_class_and_each_functionality_expects_one_verdict()
    {
        var wrong = CaseFileChecks.ExpectationsAgainstTaxonomy(DevCases);
        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
        var mixed = CaseFileChecks.MixedFunctionalities(DevCases);
        Assert.True(mixed.Count == 0, "mixed expectations in: " + string.Join(", ", mixed));
    }

    [Fact]
    public void No_dev_text_equals_or_nearly_equals_a_suite_text()
    {
        var suite = ShippedSuite.Suite.Cases.Select(c => (c.Id, Words: Words(c.Text))).ToList();
        var suiteIds = suite.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var clashes = new List<string>();
        foreach (var dev in DevCases)
        {
            if (suiteIds.Contains(dev.Id)) clashes.Add($"{dev.Id}: id also used in the suite");
            var words = Words(dev.Text);
            foreach (var (id, suiteWords) in suite)
            {
                var similarity = Jaccard(words, suiteWords);
                if (similarity >= NearDuplicate) clashes.Add($"{dev.Id} ~ {id} ({similarity:F2})");
            }
        }
        Assert.True(clashes.Count == 0, "dev cases too close to suite cases: " + string.Join("; ", clashes));
    }

    [Theory]
    [InlineData("Jews run the banks.", "jews RUN the banks!!", true)]               // same words, other case and marks
    [InlineData("J\u0435ws run the banks", "jews run the banks", true)]             // a look-alike letter undone
    [InlineData("jews run the banks", "nobody believes jews run the banks", false)] // 4 of 6 words: 0.67
    public void Near_duplicates_are_judged_on_normalised_words(string a, string b, bool near) =>
        Assert.Equal(near, Jaccard(Words(a), Words(b)) >= NearDuplicate);

    [Fact]
    public void Shipped_detector_meets_its_floors_on_the_dev_set()
    {
        // Measured with vigil-detect-v5-s1-kd-vigil-encoder-v5.2: 291/401 (72.6 %), must-flag 147/208 (70.7 %), must-not-flag
        // 144/193 (74.6 %); floors just under (v5-s1 without distillation: 274/401). v4 passed 89.3 % of the first 366
        // with ten rules that did not earn their place on held-out sets and were dropped (docs/EVALUATION.md, "Rule
        // ablation"). The dev set is tuned on, so this guards against
        // regressions only; the suite measures generalisation.
        var report = Dev.Value.Run(Detector.LoadDefault());
        Assert.True(report.PassRate >= 0.71, report.ToMarkdown());
        Assert.True(report.MustFlag.PassRate >= 0.69, report.ToMarkdown());
        Assert.True(report.MustNotFlag.PassRate >= 0.73, report.ToMarkdown());
    }

    private static HashSet<string> Words(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        var words = new HashSet<string>(StringComparer.Ordinal);
        var start = -1;
        for (var i = 0; i <= normalized.Length; i++)
        {
            var inWord = i < normalized.Length && char.IsLetterOrDigit(normalized[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                words.Add(normalized[start..i]);
                start = -1;
            }
        }
        return words;
    }

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 && b.Count == 0) return 1;
        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }
}
