using System.Globalization;
using System.Runtime.CompilerServices;
using Vigil.Text;

namespace Vigil.Detection;

/// <summary>
/// One thread's reusable buffers for one text at a time: the normalised text with its offset map back to the original,
/// the tokens, their hashes and cues, and the script counts the language guess needs. Loading a text allocates nothing
/// once the buffers have grown to the longest text seen.
/// </summary>
internal sealed class TextWorkspace
{
    /// <summary>Longer texts are scored on their first this-many chars: bounded work per row, never a failure.</summary>
    public const int MaxSourceChars = 4000;
    private const int NegationScope = 3;
    /// <summary>How far a negated claim ("not true that", "don't believe") reaches; a sentence end stops it sooner.</summary>
    private const int ClauseScope = 12;

    private char[] _normalized = new char[TextNormalizer.MaxOutputLength(512)];
    private int[] _offsets = new int[TextNormalizer.MaxOutputLength(512)];
    private char[] _source = new char[TextNormalizer.MaxOutputLength(512)];
    private int[] _tokenStart = new int[128];
    private int[] _tokenLength = new int[128];
    private uint[] _tokenHash = new uint[128];
    private Cue[] _tokenCues = new Cue[128];

    public int SourceLength { get; private set; }
    public bool Truncated { get; private set; }
    public int NormalizedLength { get; private set; }
    public int TokenCount { get; private set; }
    /// <summary>Union of every token's cues.</summary>
    public Cue Cues { get; private set; }
    /// <summary>Union of the cues of words said outright: neither quoted nor negated.</summary>
    public Cue PlainCues { get; private set; }
    /// <summary>Union of the cues of words in a negation scope.</summary>
    public Cue NegatedCues { get; private set; }
    public int LatinLetters { get; private set; }
    public int OtherScriptLetters { get; private set; }
    public string OtherScriptLanguage { get; private set; } = "und";

    public ReadOnlySpan<char> Normalized => _normalized.AsSpan(0, NormalizedLength);
    public ReadOnlySpan<char> Token(int index) => _normalized.AsSpan(_tokenStart[index], _tokenLength[index]);
    public uint TokenHash(int index) => _tokenHash[index];
    public Cue TokenCues(int index) => _tokenCues[index];

    /// <summary>The token's span in the original text, for evidence.</summary>
    public (int Start, int Length) SourceSpan(int token)
    {
        var first = _tokenStart[token];
        if (_normalized.AsSpan(first).StartsWith("xx", StringComparison.Ordinal))
        {
            // A reserved word stands for a whole construct (a link, a numeric code) whose chars all map to its first
            // char: show the construct, i.e. the source up to the next white space.
            var from = _offsets[first];
            var to = from;
            while (to < SourceLength && !char.IsWhiteSpace(_source[to])) to++;
            return (from, Math.Max(1, to - from));
        }
        var last = first + _tokenLength[token] - 1;
        var start = _offsets[first];
        var end = _offsets[last];
        // A source char can expand to several normalised chars (and surrogate pairs are two UTF-16 units), so the end
        // is the last mapped source char plus its own width.
        var width = end + 1 < SourceLength && char.IsHighSurrogate(_source[end]) ? 2 : 1;
        return (start, end - start + width);
    }

    /// <summary>
    /// The original text holds a Latin letter with a diacritic (ą, ã, ñ, ü, é …), which the normaliser folds away: a
    /// hint of a language other than English. Scans the source, so callers ask only when they need it.
    /// </summary>
    public bool SourceHasAccentedLatinLetters()
    {
        foreach (var c in _source.AsSpan(0, SourceLength))
        {
            if (c is >= FirstAccentedLatin and <= LastAccentedLatin && c != '×' && c != '÷') return true;
        }
        return false;
    }

    /// <summary>Latin-1 Supplement to Latin Extended-B: the Latin letters with diacritics (and two signs, × and ÷).</summary>
    public const char FirstAccentedLatin = 'À', LastAccentedLatin = 'ɏ';

    /// <summary>The original text, before the normaliser folded its diacritics.</summary>
    public ReadOnlySpan<char> Source => _source.AsSpan(0, SourceLength);

    public void Load(ReadOnlySpan<char> text)
    {
        Truncated = text.Length > MaxSourceChars;
        if (Truncated) text = text[..MaxSourceChars];
        SourceLength = text.Length;
        var needed = TextNormalizer.MaxOutputLength(text.Length);
        if (_normalized.Length < needed)
        {
            _normalized = new char[needed];
            _offsets = new int[needed];
            _source = new char[needed];
        }
        text.CopyTo(_source);
        NormalizedLength = TextNormalizer.Normalize(text, _normalized, _offsets);
        Tokenize(text);
    }

    private void Tokenize(ReadOnlySpan<char> source)
    {
        var text = Normalized;
        var lexicon = Lexicon.Default;
        TokenCount = 0;
        Cues = PlainCues = NegatedCues = Cue.None;
        LatinLetters = 0;
        OtherScriptLetters = 0;
        OtherScriptLanguage = "und";
        var quoted = false;
        var negationLeft = 0;
        var sentenceStart = true;
        var echoedName = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '"' or '\u201C' or '\u201D' or '\u00AB' or '\u00BB')
            {
                quoted = !quoted;
                i++;
                continue;
            }
            if (IsWordChar(c))
            {
                var start = i;
                // The word's hash is taken in the same pass that finds its end.
                var hash = FeatureHash.WordSeed;
                while (i < text.Length)
                {
                    var ch = text[i];
                    if (!IsWordChar(ch) && !(IsApostrophe(ch) && i + 1 < text.Length && IsWordChar(text[i + 1]))) break;
                    CountScript(ch);
                    hash = FeatureHash.WordStep(hash, ch);
                    i++;
                }
                var word = text.Slice(start, i - start);
                hash = FeatureHash.Finalize(hash);
                var cues = LookupWord(lexicon, word, hash);
                // A violent verb that opens a sentence is an order ("Burn it down."): the imperative is a call.
                if (sentenceStart && (cues & Cue.Violence) != 0) cues |= Cue.Call;
                sentenceStart = false;
                if (quoted) cues |= Cue.Quoted;
                // The normaliser writes an echo, (((name))), as the reserved word before the name: the name is echoed.
                if (echoedName) cues |= Cue.Echo;
                echoedName = word.SequenceEqual(ReservedTokens.Echo);
                // "Not only ... but also" adds; it negates nothing.
                if (negationLeft > 0 && TokenCount > 0 && word.SequenceEqual("only") && Token(TokenCount - 1).SequenceEqual("not"))
                    negationLeft = 0;
                if (negationLeft > 0)
                {
                    negationLeft--;
                    cues |= Cue.Negated;
                    hash = FeatureHash.Combine(hash, NegatedSalt);
                    // The negated word keeps its lexicon cues; it is the hash that records the scope.
                }
                // "No, ..." answers what came before; it negates nothing after it.
                if ((cues & Cue.Negation) != 0 && !(i < text.Length && text[i] == ',' && word.SequenceEqual("no"))) negationLeft = NegationScope;
                // "It's not true that ...", "I don't believe ...": a negated claim word negates the rest of its clause;
                // so does calling it false ("it's a myth that ...", "the lie that ...").
                else if ((cues & (Cue.Negated | Cue.Assertion)) == (Cue.Negated | Cue.Assertion)) negationLeft = ClauseScope;
                else if (TokenCount > 0 && word.SequenceEqual("that") && (_tokenCues[TokenCount - 1] & (Cue.Denial | Cue.Negated)) == Cue.Denial)
                    negationLeft = ClauseScope;
                AddToken(start, i - start, hash, cues);
                if (TokenCount > 1 && (_tokenCues[TokenCount - 2] & Cue.PhraseStart) != 0) AddPhraseCues(lexicon, text);
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length)
            {
                AddToken(i, 2, FeatureHash.Word(text.Slice(i, 2)), quoted ? Cue.Quoted : Cue.None);
                i += 2;
                continue;
            }
            if (char.GetUnicodeCategory(c) is UnicodeCategory.OtherSymbol or UnicodeCategory.MathSymbol)
            {
                AddToken(i, 1, FeatureHash.Word(text.Slice(i, 1)), quoted ? Cue.Quoted : Cue.None);
            }
            else if (c is '.' or '!' or '?' or ';')
            {
                negationLeft = 0;
                sentenceStart = true;
            }
            i++;
        }
        ResolveTargets();
    }

    /// <summary>
    /// A two-word lexicon entry ("happy merchant", "made up") gives its cues to both of its words, when they stand
    /// next to each other with one space or hyphen between them.
    /// </summary>
    private void AddPhraseCues(Lexicon lexicon, ReadOnlySpan<char> text)
    {
        var first = TokenCount - 2;
        var second = TokenCount - 1;
        var gap = _tokenStart[second] - (_tokenStart[first] + _tokenLength[first]);
        if (gap != 1 || text[_tokenStart[second] - 1] is not (' ' or '-')) return;
        Span<char> pair = stackalloc char[Math.Min(MaxPhraseLength, _tokenLength[first] + 1 + _tokenLength[second])];
        if (pair.Length == MaxPhraseLength) return;
        Token(first).CopyTo(pair);
        pair[_tokenLength[first]] = ' ';
        Token(second).CopyTo(pair[(_tokenLength[first] + 1)..]);
        var cues = lexicon.Lookup(pair) & ~Cue.PhraseStart;
        if (cues == Cue.None) return;
        _tokenCues[first] |= cues;
        _tokenCues[second] |= cues;
    }

    /// <summary>Longer pairs are no phrase of the lexicon; the bound keeps the pair on the stack.</summary>
    private const int MaxPhraseLength = 48;

    /// <summary>The lexicon's cues for a word; a possessive ("israel's") takes the cues of its stem.</summary>
    private static Cue LookupWord(Lexicon lexicon, ReadOnlySpan<char> word, uint hash)
    {
        var cues = lexicon.Lookup(word, hash);
        if (cues != Cue.None || word.Length < 3 || word[^1] != 's' || !IsApostrophe(word[^2])) return cues;
        return lexicon.Lookup(word[..^2]);
    }

    /// <summary>
    /// Who a referent word points at depends on the word after it: "the Israeli cabinet", "Israeli forces" and "the
    /// Jewish state" name a state and its organs, not a people, and "anti-Zionist" names the writer's stance, not a
    /// target. Then the cue unions are taken.
    /// </summary>
    private void ResolveTargets()
    {
        const Cue israeli = Cue.IsraeliReferent | Cue.IsraelReferent;
        for (var t = 1; t < TokenCount; t++)
        {
            var previous = _tokenCues[t - 1];
            if ((_tokenCues[t] & Cue.Government) != 0 && (previous & israeli) != 0)
                _tokenCues[t - 1] = (previous & ~israeli) | Cue.IsraelGovernment;
            else if ((previous & Cue.JewishReferent) != 0 && Token(t).SequenceEqual("state"))
                _tokenCues[t - 1] = (previous & ~Cue.JewishReferent) | Cue.IsraelReferent;
            else if ((_tokenCues[t] & Cue.ZionistReferent) != 0 && Token(t - 1).SequenceEqual("anti"))
                _tokenCues[t] = (_tokenCues[t] & ~Cue.ZionistReferent) | Cue.ContestedFrame;
            // "The Zionist project / movement": an ideology and its works, a political object rather than a people.
            else if ((previous & Cue.ZionistReferent) != 0 && IsPoliticalProject(Token(t)))
                _tokenCues[t - 1] = (previous & ~Cue.ZionistReferent) | Cue.ContestedFrame;
            // "As a Jew, ...", "I'm Jewish and ...": the writer says who they are; Jews are the speaker, not the target.
            if ((_tokenCues[t] & Cue.JewishReferent) != 0 && IsSelfIdentification(t))
                _tokenCues[t] = (_tokenCues[t] & ~Cue.JewishReferent) | Cue.PositiveIdentity;
        }
        for (var t = 0; t < TokenCount; t++)
        {
            var cues = _tokenCues[t];
            Cues |= cues;
            if ((cues & Cue.Negated) != 0) NegatedCues |= cues;
            else if ((cues & Cue.Quoted) == 0) PlainCues |= cues;
        }
    }

    private static bool IsPoliticalProject(ReadOnlySpan<char> word) =>
        word is "project" or "movement" or "ideology" or "idea" or "dream" or "enterprise" or "settlers" or "settlement"
            or "settlements" or "colonisation" or "colonization" or "state";

    private bool IsSelfIdentification(int token)
    {
        var previous = Token(token - 1);
        if (previous is "i'm" or "im" or "am" or "i\u2019m") return true;
        return token >= 2 && previous is "a" or "an" && Token(token - 2) is "as";
    }

    /// <summary>
    /// True when some word was repaired by the normaliser (leetspeak, look-alike letters, spacing) rather than only
    /// lower-cased: the mark of obfuscated writing. Computed on demand: only flagged texts need their explicitness.
    /// </summary>
    public bool HasRepairedWords()
    {
        for (var t = 0; t < TokenCount; t++)
        {
            var word = Token(t);
            if (word.StartsWith("xx", StringComparison.Ordinal) || !char.IsLetter(word[0])) continue;
            var (start, length) = SourceSpan(t);
            var written = _source.AsSpan(start, length);
            if (written.Length != word.Length) return true;
            for (var i = 0; i < word.Length; i++)
            {
                // Diacritics folded away are spelling, not evasion.
                if (char.ToLowerInvariant(written[i]) != word[i] && written[i] < 0x00C0) return true;
            }
        }
        return false;
    }

    private static readonly uint NegatedSalt = 0x9E3779B9;

    private void AddToken(int start, int length, uint hash, Cue cues)
    {
        if (TokenCount == _tokenStart.Length)
        {
            var size = TokenCount * 2;
            Array.Resize(ref _tokenStart, size);
            Array.Resize(ref _tokenLength, size);
            Array.Resize(ref _tokenHash, size);
            Array.Resize(ref _tokenCues, size);
        }
        _tokenStart[TokenCount] = start;
        _tokenLength[TokenCount] = length;
        _tokenHash[TokenCount] = hash;
        _tokenCues[TokenCount] = cues;
        TokenCount++;
    }

    // Called per char; no ASCII char is a mark, so the ASCII case (nearly every char) skips the category lookup.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWordChar(char c) => c < 0x80
        ? char.IsAsciiLetterOrDigit(c) || c == '_'
        : char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    // Called per char of every word: the Latin case stays inline, the rare other scripts take a call.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CountScript(char c)
    {
        if (c < 0x0250) { if (char.IsLetter(c)) LatinLetters++; }
        else CountOtherScript(c);
    }

    private void CountOtherScript(char c)
    {
        var language = c switch
        {
            >= '\u0370' and <= '\u03FF' => "el",
            >= '\u0400' and <= '\u04FF' => "ru",
            >= '\u0590' and <= '\u05FF' => "he",
            >= '\u0600' and <= '\u06FF' => "ar",
            >= '\u0900' and <= '\u097F' => "hi",
            >= '\u0E00' and <= '\u0E7F' => "th",
            >= '\u3040' and <= '\u30FF' => "ja",
            >= '\u4E00' and <= '\u9FFF' => "zh",
            >= '\uAC00' and <= '\uD7AF' => "ko",
            _ => null,
        };
        if (language is null) return;
        OtherScriptLetters++;
        OtherScriptLanguage = language;
    }

}
