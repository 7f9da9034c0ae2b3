using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Vigil.Model;
using Vigil.Text;

namespace Vigil.Detection;

/// <summary>
/// One thread's scorer: owns the buffers, so scoring a text allocates nothing. Not thread-safe; make one per thread
/// with <see cref="Detector.CreateSession"/>. Evidence is computed only when <see cref="Explain"/> is called, for the
/// text scored last.
/// </summary>
internal sealed class DetectorSession
{
    private const int EvidenceWords = 3;
    /// <summary>Within this distance of the decision threshold a verdict is reported as ambiguous.</summary>
    private const double AmbiguityBand = 0.1;
    private readonly DetectorModel _model;
    private readonly DetectorRules _rules;
    private readonly TextWorkspace _text = new();
    private float[] _tokenContribution = new float[128];
    private Verdict _last;
    private readonly float[] _raw = new float[DetectorModel.Outputs];

    internal DetectorSession(DetectorModel model, DetectorRules rules)
    {
        _model = model;
        _rules = rules;
    }

    private bool On(DetectorRules rule) => (_rules & rule) != 0;

    public Verdict Score(ReadOnlySpan<char> text)
    {
        _text.Load(text);
        var language = LanguageGuess.Guess(_text);
        if (!LanguageGuess.IsScored(language))
        {
            _last = new Verdict
            {
                Language = language, LanguageSupported = false, Truncated = _text.Truncated,
                Target = Target.None, Code = ContentCode.None, Consensus = ConsensusClass.Neutral,
                Explicitness = Explicitness.NotApplicable,
            };
            return _last;
        }
        RawScores(_raw);
        LastScores = Calibrate(_raw);
        _last = Decide(LastScores, language);
        return _last;
    }

    /// <summary>
    /// Scores <paramref name="text"/> with another stage's head probabilities (the encoder's) in place of this model's,
    /// through the same rules, so the verdict has the same columns. A text in an unsupported language gets the same
    /// verdict as from <see cref="Score(ReadOnlySpan{char})"/>.
    /// </summary>
    public Verdict Score(ReadOnlySpan<char> text, in StageScores scores)
    {
        _text.Load(text);
        var language = LanguageGuess.Guess(_text);
        if (!LanguageGuess.IsScored(language)) return Score(text);
        // Explain reads the n-gram features of the last text; keep them in step with it.
        RawScores(_raw);
        LastScores = scores;
        _last = Decide(scores, language);
        return _last;
    }

    /// <summary>This model's calibrated head probabilities for the text scored last (the first stage's view of it).</summary>
    public StageScores LastScores { get; private set; }

    /// <summary>Raw (uncalibrated) head outputs for the loaded text; used by scoring and by training's calibration.</summary>
    internal void RawScores(Span<float> raw)
    {
        // Hash everything first, then gather: the independent loads of the second loop overlap their cache misses,
        // which interleaving them with hashing would not.
        var capacity = _text.TokenCount * FeatureExtractor.MaxFeaturesPerToken;
        if (_buckets.Length < capacity)
        {
            _buckets = new int[capacity];
            _bucketTokens = new int[capacity];
        }
        var weightTable = _model.Weights;
        ref var weights = ref MemoryMarshal.GetReference(weightTable);
        unsafe
        {
            // The buffers were sized for the worst case above, so the sink writes through pointers without checks.
            fixed (int* bucketBuffer = _buckets, tokenBuffer = _bucketTokens)
            {
                var sink = new BucketSink(bucketBuffer, tokenBuffer, (float*)Unsafe.AsPointer(ref weights));
                FeatureExtractor.Extract(_text, _model.BucketMask, ref sink);
                _featureCount = sink.Count;
            }
        }
        var buckets = _buckets.AsSpan(0, _featureCount);
        var sum = Vector256<float>.Zero;
        foreach (var bucket in buckets) sum += Vector256.LoadUnsafe(ref weights, (nuint)bucket * DetectorModel.Outputs);
        var scale = buckets.Length == 0 ? 0f : 1f / MathF.Sqrt(buckets.Length);
        for (var i = 0; i < DetectorModel.Outputs; i++) raw[i] = sum[i] * scale + _model.Bias[i];
    }

    // The last text's features and the token each came from, kept so Explain need not extract them again.
    private int[] _buckets = new int[1024];
    private int[] _bucketTokens = new int[1024];
    private int _featureCount;

    private StageScores Calibrate(ReadOnlySpan<float> raw)
    {
        var calibration = _model.Calibration;
        Span<double> hx3 = stackalloc double[3];
        Softmax(raw.Slice(DetectorModel.Hx3, 3), calibration.Hx3Temperature, hx3);
        Span<double> target = stackalloc double[3];
        Softmax(raw.Slice(DetectorModel.TargetHead, 3), calibration.TargetTemperature, target);
        return new StageScores
        {
            PAntisemitic = Sigmoid(calibration.AntisemiticScale * raw[DetectorModel.Antisemitic] + calibration.AntisemiticShift),
            AntisemiticThreshold = calibration.AntisemiticThreshold,
            PHateful = Sigmoid(calibration.HatefulScale * raw[DetectorModel.Hateful] + calibration.HatefulShift),
            HatefulThreshold = calibration.HatefulThreshold,
            PHateSpeech = hx3[0], POffensive = hx3[1], PNormal = hx3[2],
            PTargetJews = target[0], PTargetOther = target[1], PTargetNone = target[2],
        };
    }

    private Verdict Decide(in StageScores scores, string language)
    {
        var cues = _text.Cues;
        var pAntisemitic = scores.PAntisemitic;
        var pHateful = scores.PHateful;
        ReadOnlySpan<double> hx3 = [scores.PHateSpeech, scores.POffensive, scores.PNormal];
        ReadOnlySpan<double> target = [scores.PTargetJews, scores.PTargetOther, scores.PTargetNone];

        // The rule layer keeps only what earned its place on held-out sets (docs/EVALUATION.md, "Rule ablation"): the
        // antisemitism head learnt mostly from tweets that all concern Jews or Israel and otherwise mistakes any
        // hostility for antisemitism, so without a Jewish subject its score is weighed by the target head's belief that
        // Jews are meant after all; and a slur used, which the data sets hold too few of, flags a text whatever the
        // model says.
        // Outside English the antisemitism head learnt from a few hundred rows per language (MLMA's rows about Jews and
        // the hand-written seeds), too few to tell talk about Jews from hate against them, while the hateful head
        // learnt each language's hate from thousands: there the two heads' probabilities are averaged.
        if (On(DetectorRules.HateOutsideEnglish) && language != LanguageGuess.English) pAntisemitic = (pAntisemitic + pHateful) / 2;
        var subject = !On(DetectorRules.JewishSubject) || VerdictRules.HasJewishSubject(cues, target[0] > Math.Max(target[1], target[2]));
        if (!subject) pAntisemitic *= target[0];
        var antisemitic = subject && ((On(DetectorRules.SlurSaidOutright) && VerdictRules.IsSlurSaidOutright(_text))
                                      || pAntisemitic >= scores.AntisemiticThreshold);
        var hateful = antisemitic || pHateful >= scores.HatefulThreshold;
        ContentCode code;
        Target detailedTarget;
        var explicitness = Explicitness.NotApplicable;
        double codeConfidence;
        if (antisemitic)
        {
            var near = Math.Abs(pAntisemitic - scores.AntisemiticThreshold) < AmbiguityBand;
            (code, detailedTarget, explicitness) = VerdictRules.Antisemitic(cues, _text.HasRepairedWords(), near);
            codeConfidence = Math.Max(pAntisemitic, scores.AntisemiticThreshold);
        }
        else if (hateful)
        {
            var near = Math.Abs(pHateful - scores.HatefulThreshold) < AmbiguityBand;
            (code, detailedTarget, explicitness) = VerdictRules.OtherHate(cues, target[0] >= target[1], _text.HasRepairedWords(), near);
            codeConfidence = pHateful;
        }
        else
        {
            (code, detailedTarget) = VerdictRules.NotFlagged(cues, _text.NegatedCues);
            codeConfidence = 1 - Math.Max(pAntisemitic, pHateful);
        }
        var holdsEnglishWord = (_text.Cues & Cue.LangEn) != 0;
        return new Verdict
        {
            PAntisemitic = pAntisemitic, Antisemitic = antisemitic,
            PHateful = Math.Max(pHateful, antisemitic ? pAntisemitic : 0), Hateful = hateful,
            PHateSpeech = hx3[0], POffensive = hx3[1], PNormal = hx3[2],
            PTargetJews = target[0], PTargetOther = target[1], PTargetNone = target[2],
            Target = detailedTarget, Code = code, CodeConfidence = codeConfidence,
            Consensus = TaxonomyTable.Default.Classify(code, detailedTarget), Explicitness = explicitness,
            Language = language, LanguageSupported = true, Truncated = _text.Truncated,
            ReadsAsEnglish = language == LanguageGuess.English && (holdsEnglishWord || !_text.SourceHasAccentedLatinLetters()),
            HoldsEnglishWord = holdsEnglishWord,
        };
    }

    /// <summary>
    /// Why the last scored text got its verdict: the words whose features pushed the deciding head (antisemitic when
    /// flagged so or when nothing was flagged, hateful otherwise) up the most, and any coded form found, as spans of
    /// the original text.
    /// </summary>
    public IReadOnlyList<EvidenceSpan> Explain()
    {
        if (!_last.LanguageSupported || _text.TokenCount == 0) return [];
        var head = _last.Hateful && !_last.Antisemitic ? DetectorModel.Hateful : DetectorModel.Antisemitic;
        if (_tokenContribution.Length < _text.TokenCount) _tokenContribution = new float[_text.TokenCount * 2];
        var contribution = _tokenContribution.AsSpan(0, _text.TokenCount);
        contribution.Clear();
        var weights = _model.Weights;
        // A token's features come one after another, so its sum is kept in a register and stored once per token
        // rather than stored and re-loaded per feature (a store-to-load chain); the additions keep their order, so
        // the sums are the same to the bit.
        var buckets = _buckets.AsSpan(0, _featureCount);
        var tokens = _bucketTokens.AsSpan(0, _featureCount);
        var i = 0;
        while (i < buckets.Length)
        {
            var token = tokens[i];
            var sum = contribution[token];
            for (; i < buckets.Length && tokens[i] == token; i++) sum += weights[buckets[i] * DetectorModel.Outputs + head];
            contribution[token] = sum;
        }
        var scale = 1f / MathF.Sqrt(Math.Max(1, _featureCount));

        var evidence = new List<EvidenceSpan>(EvidenceWords + 1);
        for (var t = 0; t < _text.TokenCount; t++)
        {
            var cues = _text.TokenCues(t);
            if (VerdictRules.IsUnambiguouslyCoded(cues))
            {
                evidence.Add(Span(t, string.Concat("coded:", _text.Token(t)), contribution[t] * scale));
                contribution[t] = 0;
            }
            // Function words carry weight only through the n-grams around them; showing "the" explains nothing. A word
            // the normaliser wrote for a construct ("xxecho" for "(((they)))", "xxurl") is not a word a moderator can
            // read; a coded construct is evidence above, by its name.
            else if ((cues & Cue.LangEn) != 0 || ReservedTokens.Is(_text.Token(t))) contribution[t] = 0;
        }
        for (var pick = 0; pick < EvidenceWords; pick++)
        {
            var best = -1;
            for (var t = 0; t < contribution.Length; t++)
            {
                if (contribution[t] > 0 && (best < 0 || contribution[t] > contribution[best])) best = t;
            }
            if (best < 0) break;
            evidence.Add(Span(best, string.Concat("word:", _text.Token(best)), contribution[best] * scale));
            contribution[best] = 0;
        }
        return evidence;
    }

    private EvidenceSpan Span(int token, string feature, double weight)
    {
        var (start, length) = _text.SourceSpan(token);
        return new EvidenceSpan(start, length, feature, Math.Round(weight, 4));
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static void Softmax(ReadOnlySpan<float> logits, float temperature, Span<double> probabilities)
    {
        var max = double.NegativeInfinity;
        for (var i = 0; i < logits.Length; i++) max = Math.Max(max, logits[i] / temperature);
        var sum = 0.0;
        for (var i = 0; i < logits.Length; i++) sum += probabilities[i] = Math.Exp(logits[i] / temperature - max);
        for (var i = 0; i < logits.Length; i++) probabilities[i] /= sum;
    }

    /// <summary>Writes into buffers sized by <see cref="FeatureExtractor.MaxFeaturesPerToken"/>: no growth check per feature.
    /// Asks for each feature's weight row as soon as its bucket is known, so the row is on its way while the following
    /// features are hashed; the gather after extraction then mostly hits the cache.</summary>
    // The table is pinned (DetectorModel), so a raw pointer to it stays valid.
    private unsafe struct BucketSink(int* buckets, int* tokens, float* weights) : IFeatureSink
    {
        public int Count;

        public void Add(int bucket, int token)
        {
            tokens[Count] = token;
            buckets[Count++] = bucket;
            if (Sse.IsSupported) Sse.Prefetch0(weights + (nuint)bucket * DetectorModel.Outputs);
        }
    }
}
