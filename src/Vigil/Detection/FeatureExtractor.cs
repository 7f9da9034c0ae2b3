using System.Numerics;

namespace Vigil.Detection;

/// <summary>Receives features as they are hashed; a struct so the JIT specialises the extractor for each use.</summary>
internal interface IFeatureSink
{
    /// <param name="bucket">Hashed feature index, already masked to the model's size.</param>
    /// <param name="token">The token the feature came from, so evidence can be mapped back to the text.</param>
    void Add(int bucket, int token);
}

/// <summary>
/// Turns a loaded <see cref="TextWorkspace"/> into hashed features: word unigrams and bigrams, char 3–5-grams inside
/// words (robust to spelling variants), lexicon cues (rare code words share weight with their category), and marked
/// copies of words in a negation scope or inside quotation marks (so "not" and quoting can change what a word means).
/// </summary>
internal static class FeatureExtractor
{
    /// <summary>Bump when any feature changes; model files record it and refuse to load on a mismatch.</summary>
    public const int FeatureVersion = 5;
    private const int MinCharGram = 3;
    private const int MaxCharGram = 4;
    /// <summary>Longer words (hashtags run together, junk) only contribute their first char n-grams.</summary>
    private const int MaxCharGramWord = 24;
    private const uint BigramSalt = 0x2545F491;
    private const uint CharSalt = 0x6A09E667;
    private const uint CueSalt = 0xBB67AE85;
    private const uint QuotedSalt = 0x3C6EF372;
    /// <summary>
    /// Cues hashed as features. The grammatical cues (occurrence, assertion, call, sweeping) are common words whose
    /// meaning is in their combination with others; the rule layer reads them, the model gets them as plain words.
    /// </summary>
    private const long CueFeatureMask = ((1L << 40) - 1) & ~(long)(Cue.Occurrence | Cue.Assertion | Cue.Call | Cue.Sweeping);

    /// <summary>
    /// Bound on the features one token yields (unigram, bigram, quoted copy, one per cue bit, char n-grams of each
    /// size over the padded word), so a sink can size its buffer once per text instead of checking on every feature.
    /// </summary>
    public const int MaxFeaturesPerToken = 3 + 40 + (MaxCharGram - MinCharGram + 1) * (MaxCharGramWord + 2);

    public static void Extract<TSink>(TextWorkspace text, int bucketMask, ref TSink sink) where TSink : struct, IFeatureSink
    {
        Span<char> padded = stackalloc char[MaxCharGramWord + 2];
        var previous = 0u;
        for (var t = 0; t < text.TokenCount; t++)
        {
            var hash = text.TokenHash(t);
            sink.Add((int)(hash & (uint)bucketMask), t);
            if (t > 0) sink.Add((int)(FeatureHash.Combine(previous, hash ^ BigramSalt) & (uint)bucketMask), t);
            previous = hash;

            var cues = (long)text.TokenCues(t) & CueFeatureMask;
            if ((cues & (long)Cue.Quoted) != 0)
                sink.Add((int)(FeatureHash.Combine(hash, QuotedSalt) & (uint)bucketMask), t);
            while (cues != 0)
            {
                var bit = (uint)BitOperations.TrailingZeroCount(cues);
                cues &= cues - 1;
                sink.Add((int)(FeatureHash.Finalize(CueSalt + bit) & (uint)bucketMask), t);
            }

            var word = text.Token(t);
            if (word.Length < 2 || char.IsSurrogate(word[0])) continue;
            var length = Math.Min(word.Length, MaxCharGramWord);
            padded[0] = '<';
            word[..length].CopyTo(padded[1..]);
            padded[length + 1] = '>';
            var span = padded[..(length + 2)];
            for (var start = 0; start + MinCharGram <= span.Length; start++)
            {
                var h = CharSalt;
                for (var n = 0; n < MaxCharGram && start + n < span.Length; n++)
                {
                    h = (h ^ span[start + n]) * 16777619;
                    if (n + 1 >= MinCharGram) sink.Add((int)(FeatureHash.Finalize(h) & (uint)bucketMask), t);
                }
            }
        }
    }
}
