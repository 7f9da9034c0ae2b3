using Vigil.Detection.Encoder;
using Vigil.Model;

namespace Vigil.Detection.Cascade;

/// <summary>Which stages score a text.</summary>
public enum ScoringMode
{
    /// <summary>The n-gram stage alone.</summary>
    Fast,
    /// <summary>The n-gram stage on every text, the encoder on those it is unsure of and those asked to be confirmed.</summary>
    Cascade,
    /// <summary>The encoder on every text (the n-gram stage still supplies the lexicon's cues to the rules).</summary>
    Encoder,
}

public sealed record CascadeOptions
{
    /// <summary>What <c>vigil score</c> and <c>vigil eval</c> use unless told otherwise.</summary>
    public const ScoringMode DefaultMode = ScoringMode.Cascade;
    public ScoringMode Mode { get; init; } = DefaultMode;
    /// <summary>A first-stage probability this close to its head's threshold (antisemitic or hateful) is unsure, and
    /// the text goes to the encoder: 3 % of the 1M-line benchmark file, chosen on dev splits (docs/EVALUATION.md,
    /// "Detection: the two stages").</summary>
    public double Band { get; init; } = DefaultBand;
    public const double DefaultBand = 0.015;
    /// <summary>
    /// Cascade: also send every text the first stage flags or labels (hateful, antisemitic, or any consensus class but
    /// neutral), because an action or a review item will depend on it. The analysis pipeline sets it; batch scoring,
    /// which acts on nothing, leaves it off for speed.
    /// </summary>
    public bool ConfirmFlagged { get; init; }
    internal EncoderOptions Encoder { get; init; } = new();
}

/// <summary>One scored text: the verdict, its evidence (for flagged or coded texts) and the stage that decided it.</summary>
internal readonly record struct StagedVerdict(Verdict Verdict, IReadOnlyList<EvidenceSpan> Evidence, int Stage);

/// <summary>
/// The two-stage detector: the hashed n-gram classifier on every text, the fine-tuned encoder where the first is unsure
/// (a band around its thresholds) and where a caller needs the better answer (<see cref="Confirm"/>: every post an
/// action, a review item or a measurement sample depends on). Both stages' probabilities go through the same rules
/// (<see cref="DetectorSession.Score(ReadOnlySpan{char}, in StageScores)"/>), so the output has one set of columns.
/// Thread-safe: sessions are per caller, the encoder runs one batch at a time.
/// </summary>
public sealed class CascadeDetector : ITextAssessor, IDisposable
{
    private readonly EncoderStage? _encoder;

    private CascadeDetector(Detector stage1, EncoderStage? encoder, CascadeOptions options)
    {
        Stage1 = stage1;
        _encoder = encoder;
        Options = options;
    }

    internal Detector Stage1 { get; }
    public CascadeOptions Options { get; }

    /// <summary>
    /// "ngram-model" or "ngram-model+encoder-model": the version every assessment of this detector carries, whichever
    /// stage decided it. Stores key assessments on it and a run reads its own back by it, so one run must not split
    /// across two versions; how many texts the encoder decided is counted by <c>score</c> and <c>eval</c>, and an
    /// encoder-decided text's evidence names the encoder (<c>encoder:word</c>).
    /// </summary>
    public string ModelVersion =>
        _encoder is null || Options.Mode == ScoringMode.Fast ? Stage1.ModelVersion : $"{Stage1.ModelVersion}+{_encoder.Version}";

    /// <summary>Loads the shipped encoder unless the mode is <see cref="ScoringMode.Fast"/>.</summary>
    /// <exception cref="FileNotFoundException">The shipped encoder is missing from the build output.</exception>
    /// <exception cref="InvalidDataException">The shipped encoder does not fit this build.</exception>
    public static CascadeDetector Create(Detector stage1, CascadeOptions options) =>
        new(stage1, options.Mode == ScoringMode.Fast ? null : EncoderStage.LoadDefault(options.Encoder), options);

    internal static CascadeDetector Create(Detector stage1, TextEncoder encoder, CascadeOptions options) =>
        new(stage1, new EncoderStage(encoder), options);

    /// <summary>
    /// Scores texts in order. <paramref name="confirm"/>[i] sends text i to the encoder whatever the first stage says.
    /// Evidence is computed for texts that are flagged or carry a code.
    /// </summary>
    internal StagedVerdict[] Score(DetectorSession session, IReadOnlyList<string> texts, IReadOnlyList<bool>? confirm = null,
        CancellationToken cancel = default)
    {
        var results = new StagedVerdict[texts.Count];
        var routed = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            var verdict = session.Score(texts[i]);
            results[i] = new StagedVerdict(verdict, [], 1);
            if (_encoder is not null && EncoderReads(verdict)
                && (Options.Mode == ScoringMode.Encoder || (confirm?[i] ?? false) || Unsure(session.LastScores)
                    || EnglishWithPictographs(verdict, texts[i]) || (Options.ConfirmFlagged && ActedOn(verdict))))
                routed.Add(i);
            else if (Explains(verdict))
                results[i] = results[i] with { Evidence = session.Explain() };
        }
        if (routed.Count == 0) return results;
        var outputs = _encoder!.Encoder.Score(routed.Select(i => texts[i]).ToArray(), Enumerable.Repeat(true, routed.Count).ToArray(), cancel);
        for (var k = 0; k < routed.Count; k++)
        {
            var i = routed[k];
            var verdict = session.Score(texts[i], _encoder.Scores(outputs[k]));
            IReadOnlyList<EvidenceSpan> evidence = [];
            if (Explains(verdict))
            {
                // The lexicon's coded forms stay evidence whichever stage decided; the words are the encoder's.
                var coded = session.Explain().Where(e => e.Feature.StartsWith("coded:", StringComparison.Ordinal));
                evidence = [.. coded, .. _encoder.Explain(texts[i], outputs[k].Contributions!, verdict)];
            }
            results[i] = new StagedVerdict(verdict, evidence, 2);
        }
        return results;
    }

    /// <summary>
    /// The second opinion for posts something depends on (an enforcement action, a review item, a measurement sample):
    /// each is scored by the encoder whatever the first stage says. In fast mode this is the first stage's assessment.
    /// </summary>
    internal IReadOnlyList<Assessment> Confirm(IReadOnlyList<(string PostId, string Text)> posts, CancellationToken cancel = default)
    {
        var session = Stage1.CreateSession();
        var scored = Score(session, posts.Select(p => p.Text).ToArray(), Enumerable.Repeat(true, posts.Count).ToArray(), cancel);
        return posts.Select((p, i) => ToAssessment(p.PostId, scored[i])).ToArray();
    }

    /// <summary>One text, as <see cref="Score(DetectorSession, IReadOnlyList{string}, IReadOnlyList{bool}?, CancellationToken)"/>
    /// would score it in this mode (the functional suite's and the native API's interface).</summary>
    public Assessment Assess(string postId, string text) => ToAssessment(postId, Score(Stage1.ThreadSession, [text])[0]);

    /// <summary>
    /// One text's verdict in this mode, and its evidence when <paramref name="explain"/> is set: for hosts that need
    /// more than an <see cref="Assessment"/> holds (the server's per-attribute scores), so that an API answers what
    /// <c>vigil score</c> writes for the same text.
    /// </summary>
    public (Verdict Verdict, IReadOnlyList<EvidenceSpan> Evidence) Score(string text, bool explain)
    {
        var scored = Score(Stage1.ThreadSession, [text])[0];
        return (scored.Verdict, explain ? scored.Evidence : []);
    }

    public string TaxonomyVersion => Stage1.TaxonomyVersion;

    internal Assessment ToAssessment(string postId, in StagedVerdict scored) =>
        Stage1.ToAssessment(postId, scored.Verdict, scored.Evidence) with { ModelVersion = ModelVersion };

    private bool Unsure(in StageScores first) =>
        Options.Mode == ScoringMode.Cascade
        && (Math.Abs(first.PAntisemitic - first.AntisemiticThreshold) < Options.Band
            || Math.Abs(first.PHateful - first.HatefulThreshold) < Options.Band);

    /// <summary>
    /// Cascade: an English text with emoji or other pictographs goes to the encoder, which reads each as its words (its
    /// emoji table); the n-gram stage knows a few dozen of them and sees the rest as rare tokens, so on emoji-based hate
    /// it is near chance (Hatemoji dev macro-F1 0.50 against the encoder's 0.63). It must also hold an English
    /// function word: the looser English gate let short Polish and Portuguese posts with emoji through, and the encoder
    /// misread them. Chosen on dev splits (docs/EVALUATION.md, "Detection: the two stages").
    /// </summary>
    private bool EnglishWithPictographs(in Verdict verdict, string text) =>
        Options.Mode == ScoringMode.Cascade && verdict.HoldsEnglishWord && _encoder!.EmojiWords.Holds(text);

    /// <summary>
    /// The encoder (all-MiniLM-L6-v2's uncased English vocabulary, fine-tuned on English data) reads English only; stage 1
    /// decides every other language it scores, in every mode, rather than handing German or Arabic to an English model.
    /// The language guess falls back to English when it has no evidence, and most short Polish, Portuguese and Spanish
    /// posts were then sent to the encoder, which misread them; <see cref="Verdict.ReadsAsEnglish"/> keeps those back
    /// (docs/EVALUATION.md, "The encoder reads English only").
    /// </summary>
    internal static bool EncoderReads(in Verdict verdict) =>
        verdict.LanguageSupported && verdict.Language == EncoderLanguage && verdict.ReadsAsEnglish;

    private const string EncoderLanguage = "en";

    private static bool Explains(in Verdict verdict) => verdict.Hateful || verdict.Code != ContentCode.None;

    /// <summary>What the policy can act on or send to review (docs/POLICY.md).</summary>
    private static bool ActedOn(in Verdict verdict) => verdict.Hateful || verdict.Antisemitic || verdict.Consensus != ConsensusClass.Neutral;

    public void Dispose() => _encoder?.Dispose();
}
