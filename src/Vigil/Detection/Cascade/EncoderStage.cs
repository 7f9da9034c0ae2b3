using Vigil.Detection.Encoder;
using Vigil.Model;

namespace Vigil.Detection.Cascade;

/// <summary>
/// The encoder as the detector's second stage: its heads read as <see cref="StageScores"/> (the same probabilities
/// the n-gram stage gives, so one set of rules makes the verdict) and its token shares as evidence spans.
/// </summary>
internal sealed class EncoderStage : IDisposable
{
    private const int EvidenceWords = 3;
    private readonly int _antisemitic, _hateful, _hx3, _target;
    private readonly Lazy<TextEncoder> _encoder;

    public EncoderStage(TextEncoder encoder) : this(encoder.Manifest, encoder.EmojiWords, () => encoder) { }

    /// <param name="create">Starts the ONNX Runtime session; called when the first text is routed to this stage, so a
    /// run the first stage decides alone never pays the session's load time and memory.</param>
    private EncoderStage(EncoderManifest manifest, EmojiWordTable emojiWords, Func<TextEncoder> create)
    {
        Manifest = manifest;
        EmojiWords = emojiWords;
        _encoder = new Lazy<TextEncoder>(create, LazyThreadSafetyMode.ExecutionAndPublication);
        _antisemitic = Head("antisemitic", 1, 2);
        _hateful = Head("hateful", 1, 2);
        _hx3 = Head("hx3", 3, 3);
        _target = Head("target", 3, 3);
    }

    public EncoderManifest Manifest { get; }
    /// <summary>The symbols the encoder reads as words; the n-gram stage knows few of them (see CascadeDetector).</summary>
    public EmojiWordTable EmojiWords { get; }
    public TextEncoder Encoder => _encoder.Value;
    public string Version => Manifest.Version;

    private int Head(string name, int minLabels, int maxLabels)
    {
        var index = Manifest.HeadIndex(name);
        if (index < 0 || Manifest.Heads[index].Labels.Count < minLabels || Manifest.Heads[index].Labels.Count > maxLabels)
            throw new InvalidDataException($"{Manifest.Version}: the detector needs a head '{name}' with {minLabels}–{maxLabels} labels.");
        return index;
    }

    /// <summary>The shipped encoder (models/encoder/, copied beside this library by the build): its manifest, heads
    /// and graph checked now, its session started on first use.</summary>
    public static EncoderStage LoadDefault(EncoderOptions options)
    {
        var artifact = EncoderArtifact.Load(Path.Combine(AppContext.BaseDirectory, "encoder", DefaultManifest));
        return new EncoderStage(artifact.Manifest, artifact.EmojiWords, () => TextEncoder.Create(BaseEncoder.LoadDefault(), artifact, options));
    }

    public const string DefaultManifest = "vigil-encoder-v5.2-int8.json";

    public StageScores Scores(EncoderOutput output)
    {
        var p = output.Probabilities;
        var heads = Manifest.Heads;
        return new StageScores
        {
            PAntisemitic = p[_antisemitic][^1],
            AntisemiticThreshold = heads[_antisemitic].Threshold ?? 0.5,
            PHateful = p[_hateful][^1],
            HatefulThreshold = heads[_hateful].Threshold ?? 0.5,
            PHateSpeech = p[_hx3][0], POffensive = p[_hx3][1], PNormal = p[_hx3][2],
            PTargetJews = p[_target][0], PTargetOther = p[_target][1], PTargetNone = p[_target][2],
        };
    }

    /// <summary>
    /// The words whose tokens raised the deciding head's logit most (antisemitic when the verdict is antisemitic or
    /// nothing was flagged, hateful otherwise), as spans of the original text. Tokens that touch in the normalised
    /// text form one word, so "(((they)))" or "don't" is shown whole.
    /// </summary>
    public IReadOnlyList<EvidenceSpan> Explain(string text, TokenContributions contributions, in Verdict verdict)
    {
        var head = verdict.Hateful && !verdict.Antisemitic ? _hateful : _antisemitic;
        var prepared = contributions.Text;
        var words = new List<(int Start, int End, float Share)>();
        var previousEnd = -1;
        for (var t = 1; t < prepared.Ids.Length - 1; t++)
        {
            var (start, length) = prepared.SourceSpans[t];
            var (normalizedStart, normalizedLength) = prepared.NormalizedSpans[t];
            var share = contributions.Share(t, head);
            if (words.Count > 0 && normalizedStart == previousEnd)
            {
                var last = words[^1];
                words[^1] = (Math.Min(last.Start, start), Math.Max(last.End, start + length), last.Share + share);
            }
            else
            {
                words.Add((start, start + length, share));
            }
            previousEnd = normalizedStart + normalizedLength;
        }
        var evidence = new List<EvidenceSpan>(EvidenceWords);
        foreach (var word in words.Where(w => w.Share > 0 && w.End > w.Start).OrderByDescending(w => w.Share).Take(EvidenceWords))
            evidence.Add(new EvidenceSpan(word.Start, word.End - word.Start, string.Concat("encoder:", text.AsSpan(word.Start, word.End - word.Start)), Math.Round(word.Share, 4)));
        return evidence;
    }

    public void Dispose()
    {
        if (_encoder.IsValueCreated) _encoder.Value.Dispose();
    }
}
