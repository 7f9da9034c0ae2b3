using System.Collections.Frozen;
using System.Reflection;
using System.Text;
using Vigil.Model;

namespace Vigil.Detection;

/// <summary>
/// Word → cues, from the embedded hand-written <c>lexicon.v1.tsv</c>. Looked up with a span so the scoring loop never
/// allocates a string per word. An entry may be two words joined by one space ("happy merchant"); its first word then
/// carries <see cref="Cue.PhraseStart"/>, so the tokenizer looks pairs up only where one can begin.
/// </summary>
internal sealed class Lexicon
{
    private readonly FrozenDictionary<string, Cue>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private Lexicon(FrozenDictionary<string, Cue> words)
    {
        _lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static Lexicon Default { get; } = LoadEmbedded();

    public Cue Lookup(ReadOnlySpan<char> word) => _lookup.TryGetValue(word, out var cue) ? cue : Cue.None;

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
        return new Lexicon(words.ToFrozenDictionary(StringComparer.Ordinal));
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
