using System.Numerics;
using System.Reflection;
using System.Text;
using Vigil.Model;

namespace Vigil.Detection;

/// <summary>
/// Word → cues, from the embedded hand-written <c>lexicon.v1.tsv</c>. Looked up with a span so the scoring loop never
/// allocates a string per word. An entry may be two words joined by one space ("happy merchant"); its first word then
/// carries <see cref="Cue.PhraseStart"/>, so the tokenizer looks pairs up only where one can begin.
/// The table is keyed by <see cref="FeatureHash.Word"/>, the hash the tokenizer computes for every word's feature
/// anyway, so a lookup costs one probe and (on a hit) one compare instead of hashing the word a second time.
/// </summary>
internal sealed class Lexicon
{
    /// <summary>Open addressing, linear probing; at most a quarter full, so a miss (most words) ends at once.</summary>
    private readonly Entry[] _slots;
    private readonly int _mask;

    private Lexicon(Dictionary<string, Cue> words)
    {
        _slots = new Entry[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, words.Count * 4))];
        _mask = _slots.Length - 1;
        foreach (var (word, cues) in words)
        {
            var hash = FeatureHash.Word(word);
            var i = (int)hash & _mask;
            while (_slots[i].Word is not null) i = (i + 1) & _mask;
            _slots[i] = new Entry(hash, word, cues);
        }
    }

    public static Lexicon Default { get; } = LoadEmbedded();

    public Cue Lookup(ReadOnlySpan<char> word) => Lookup(word, FeatureHash.Word(word));

    /// <param name="hash">Must be <see cref="FeatureHash.Word"/> of <paramref name="word"/>.</param>
    public Cue Lookup(ReadOnlySpan<char> word, uint hash)
    {
        for (var i = (int)hash & _mask; ; i = (i + 1) & _mask)
        {
            ref readonly var entry = ref _slots[i];
            if (entry.Word is null) return Cue.None;
            if (entry.Hash == hash && word.SequenceEqual(entry.Word)) return entry.Cues;
        }
    }

    private readonly record struct Entry(uint Hash, string? Word, Cue Cues);

    public static Lexicon Parse(TextReader reader, string source)
    {
        var words = new Dictionary<string, Cue>(StringComparer.Ordinal);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#') continue;
            var cells = line.Split('\t');
            if (cells.Length != 2)
                throw new FormatException($"{source}:{lineNumber}: expected 2 tab-separated columns, found {cells.Length}.");
            var cue = Kebab.Parse<Cue>(cells[1], source, lineNumber);
            words[cells[0]] = words.GetValueOrDefault(cells[0]) | cue;
            if (cells[0].IndexOf(' ') is var space and > 0)
            {
                if (space == cells[0].Length - 1 || cells[0].IndexOf(' ', space + 1) >= 0)
                    throw new FormatException($"{source}:{lineNumber}: a phrase is two words joined by one space, found '{cells[0]}'.");
                var first = cells[0][..space];
                words[first] = words.GetValueOrDefault(first) | Cue.PhraseStart;
            }
        }
        return new Lexicon(words);
    }

    private static Lexicon LoadEmbedded()
    {
        const string name = "Vigil.Detection.lexicon.v1.tsv";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded lexicon '{name}' is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader, "lexicon.v1.tsv");
    }
}
