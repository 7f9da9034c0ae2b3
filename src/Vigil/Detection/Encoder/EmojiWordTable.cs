using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Detection.Encoder;

/// <summary>
/// Emoji and other pictographic symbols written as their Unicode names ("😂" → " face with tears of joy "), applied
/// after the text normaliser so the encoder reads words where WordPiece would see [UNK]. The table is part of a
/// shipped model (<c>models/encoder/emoji-words.tsv</c>, made by training/make_emoji_table.py; its sha256 is in the
/// manifest): <c>U+XXXX</c>, a tab, the words (empty: the symbol is removed).
/// </summary>
internal sealed class EmojiWordTable
{
    private readonly Dictionary<int, string> _words;

    private EmojiWordTable(Dictionary<int, string> words, string sha256)
    {
        _words = words;
        Sha256 = sha256;
    }

    public string Sha256 { get; }

    /// <summary>No symbol is rewritten (the pretrained encoder as the training pipeline checks it).</summary>
    public static EmojiWordTable Empty { get; } = new([], "");

    /// <exception cref="InvalidDataException">A line is not <c>U+XXXX\twords</c>; the message names the line.</exception>
    public static EmojiWordTable Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Emoji word table '{path}' does not exist.", path);
        var bytes = File.ReadAllBytes(path);
        var words = new Dictionary<int, string>();
        var number = 0;
        foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            number++;
            if (line.Length == 0 || line[0] == '#') continue;
            var tab = line.IndexOf('\t');
            if (tab < 3 || !line.StartsWith("U+", StringComparison.Ordinal)
                || !int.TryParse(line.AsSpan(2, tab - 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var codePoint))
                throw new InvalidDataException($"{path}:{number}: expected 'U+XXXX<tab>words'.");
            words[codePoint] = line[(tab + 1)..].TrimEnd('\r');
        }
        return new EmojiWordTable(words, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>Whether <paramref name="text"/> holds a symbol this table writes as words (one the encoder reads).</summary>
    public bool Holds(ReadOnlySpan<char> text)
    {
        // The table lists no ASCII: a vectorised skip to the first other char keeps the check cheap on every post the
        // cascade sees, most of which are ASCII throughout.
        var first = text.IndexOfAnyExceptInRange('\0', '\x7F');
        if (_words.Count == 0 || first < 0) return false;
        foreach (var rune in text[first..].EnumerateRunes())
        {
            if (_words.ContainsKey(rune.Value)) return true;
        }
        return false;
    }

    /// <summary>
    /// Writes <paramref name="text"/> with each listed symbol replaced by its words with a space either side; each
    /// output char keeps the source offset of the char it came from (<paramref name="offsets"/> maps the input).
    /// </summary>
    public (char[] Chars, int[] Offsets, int Length) Apply(ReadOnlySpan<char> text, ReadOnlySpan<int> offsets)
    {
        var chars = new List<char>(text.Length + 16);
        var origins = new List<int>(text.Length + 16);
        for (var i = 0; i < text.Length;)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var codePoint = width == 2 ? char.ConvertToUtf32(text[i], text[i + 1]) : text[i];
            if (_words.Count > 0 && _words.TryGetValue(codePoint, out var words))
            {
                chars.Add(' ');
                origins.Add(offsets[i]);
                foreach (var c in words)
                {
                    chars.Add(c);
                    origins.Add(offsets[i]);
                }
                chars.Add(' ');
                origins.Add(offsets[i]);
            }
            else
            {
                for (var k = 0; k < width; k++)
                {
                    chars.Add(text[i + k]);
                    origins.Add(offsets[i + k]);
                }
            }
            i += width;
        }
        return (chars.ToArray(), origins.ToArray(), chars.Count);
    }
}
