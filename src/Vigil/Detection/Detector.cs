using System.Reflection;
using Vigil.Model;

namespace Vigil.Detection;

/// <summary>
/// The shipped classifier. Thread-safe: <see cref="Assess"/> borrows a per-thread <see cref="DetectorSession"/>; batch
/// hosts that want every last row per second create one session per worker thread and call it directly.
/// </summary>
public sealed class Detector : ITextAssessor
{
    /// <summary>Where <c>vigil train</c> writes by default and where the build embeds the model from.</summary>
    public const string DefaultModelPath = "models/vigil-detect.bin";
    private const string EmbeddedModelName = "Vigil.Detection.vigil-detect.bin";
    private readonly ThreadLocal<DetectorSession> _sessions;

    internal Detector(DetectorModel model, DetectorRules rules = DetectorRules.All)
    {
        Model = model;
        Rules = rules;
        _sessions = new ThreadLocal<DetectorSession>(CreateSession);
    }

    public string ModelVersion => Model.Version;
    public string TaxonomyVersion => TaxonomyTable.Default.Version;

    /// <summary>The languages (ISO 639-1) the detector scores; text in any other is returned unscored.</summary>
    public static IReadOnlyList<string> ScoredLanguages { get; } = Array.AsReadOnly(LanguageGuess.Scored);
    internal DetectorModel Model { get; }
    internal DetectorRules Rules { get; }

    /// <summary>The same model with only <paramref name="rules"/> of the rule layer on, for measuring what each rule adds.</summary>
    internal Detector WithRules(DetectorRules rules) => new(Model, rules);

    private static readonly Lazy<Detector> Default = new(LoadEmbedded);

    /// <summary>The model built into this library (from <c>models/vigil-detect.bin</c> at build time); loaded once.</summary>
    public static Detector LoadDefault() => Default.Value;

    public static Detector Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Detector model '{path}' does not exist.", path);
        using var stream = File.OpenRead(path);
        return new Detector(DetectorModel.Load(stream, path));
    }

    internal DetectorSession CreateSession() => new(Model, Rules);

    public Assessment Assess(string postId, string text)
    {
        var session = _sessions.Value!;
        var verdict = session.Score(text);
        return ToAssessment(postId, verdict, verdict.LanguageSupported ? session.Explain() : []);
    }

    /// <summary>
    /// Scores one text on this thread's session: the verdict, and its evidence when <paramref name="explain"/> is set.
    /// For hosts that need more than an <see cref="Assessment"/> holds (the server's per-attribute scores).
    /// </summary>
    public (Verdict Verdict, IReadOnlyList<EvidenceSpan> Evidence) Score(ReadOnlySpan<char> text, bool explain)
    {
        var session = ThreadSession;
        var verdict = session.Score(text);
        return (verdict, explain && verdict.LanguageSupported ? session.Explain() : []);
    }

    /// <summary>This thread's session (one per thread, reused: scoring allocates nothing per text).</summary>
    internal DetectorSession ThreadSession => _sessions.Value!;

    internal Assessment ToAssessment(string postId, in Verdict verdict, IReadOnlyList<EvidenceSpan> evidence) => new()
    {
        PostId = postId,
        PHateful = verdict.PHateful,
        Hateful = verdict.Hateful,
        PAntisemitic = verdict.PAntisemitic,
        Antisemitic = verdict.Antisemitic,
        Label = new ContentLabel(verdict.Target, verdict.Code, verdict.Consensus, verdict.Explicitness),
        CodeConfidence = verdict.CodeConfidence,
        Language = verdict.Language,
        LanguageSupported = verdict.LanguageSupported,
        Evidence = evidence,
        ModelVersion = ModelVersion,
        TaxonomyVersion = TaxonomyVersion,
    };

    private static Detector LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(EmbeddedModelName)
            ?? throw new InvalidOperationException(
                $"No detector model was built into this library: train one with 'vigil train' (writes {DefaultModelPath}) and rebuild.");
        return new Detector(DetectorModel.Load(stream, DefaultModelPath));
    }
}
