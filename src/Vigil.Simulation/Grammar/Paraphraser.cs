using System.Text;

using Vigil.Model;

namespace Vigil.Simulation.Grammar;

/// <summary>
/// Light rewording the way paraphrasing bot networks do it: swap a few words for synonyms, swap sentence order, change
/// the trailing punctuation, add an emoji or a hashtag. The result stays a near duplicate (most word shingles survive)
/// but is never byte-identical to the source or to another variant of the same event.
/// </summary>
internal static class Paraphraser
{
    private static readonly (string From, string To)[] Synonyms =
    [
        ("control", "run"), ("run", "control"), ("own", "control"), ("people", "folks"), ("every", "each"),
        ("wake", "wise"), ("think", "reflect"), ("look", "check"), ("lie", "hoax"), ("hoax", "lie"),
        ("are", "r"), ("the", "tha"), ("and", "&"), ("all", "literally all"), ("again", "once more"),
        ("never", "not ever"), ("should", "must"), ("must", "should"), ("responsible", "to blame"),
        ("disgrace", "shame"), ("wrong", "unacceptable"), ("everyone", "everybody"), ("nobody", "no one"),
        ("truth", "reality"), ("media", "press"), ("banks", "bankers"), ("right", "correct"),
    ];

    private static readonly string[] Emoji = ["🔥", "👀", "💯", "🤔", "😡", "❗", "⚠️", "🇺🇸", "🙏"];
    private static readonly string[] Hashtags = ["#truth", "#wakeup", "#news", "#breaking", "#facts", "#share", "#RT"];
    private static readonly string[] Endings = ["", ".", "!", "!!", "...", " !"];

    /// <summary>
    /// A variant of <paramref name="text"/> not in <paramref name="taken"/> (the source is always in it); the result is
    /// added to <paramref name="taken"/>.
    /// </summary>
    public static string Rewrite(string text, SeededRandom random, HashSet<string> taken)
    {
        taken.Add(text);
        var builder = new StringBuilder(text.Length + 24);
        for (var attempt = 0; ; attempt++)
        {
            builder.Clear();
            var body = SwapSentences(text, random);
            AppendWithSynonyms(builder, TrimEnding(body), random);
            builder.Append(random.Pick(Endings));
            if (random.Chance(0.5) || attempt > 2) builder.Append(' ').Append(random.Pick(Emoji));
            if (random.Chance(0.4) || attempt > 4) builder.Append(' ').Append(random.Pick(Hashtags));
            // After a few tries the pools alone may be exhausted for a short text; a counter keeps variants distinct.
            if (attempt > 8) builder.Append(" #").Append(attempt);
            var candidate = builder.ToString();
            if (taken.Add(candidate)) return candidate;
        }
    }

    private static string SwapSentences(string text, SeededRandom random)
    {
        var split = text.IndexOf(". ", StringComparison.Ordinal);
        if (split < 0 || split + 2 >= text.Length || !random.Chance(0.5)) return text;
        var first = text[..split];
        var second = TrimEnding(text[(split + 2)..]);
        return string.Concat(second, ". ", first);
    }

    private static string TrimEnding(string text) => text.TrimEnd('.', '!', '?', ' ');

    private static void AppendWithSynonyms(StringBuilder builder, string text, SeededRandom random)
    {
        var swaps = 0;
        var words = text.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (i > 0) builder.Append(' ');
            var word = words[i];
            var replacement = swaps < 2 && random.Chance(0.6) ? SynonymOf(word) : null;
            if (replacement is null)
            {
                builder.Append(word);
                continue;
            }
            swaps++;
            builder.Append(char.IsUpper(word[0]) ? char.ToUpperInvariant(replacement[0]) + replacement[1..] : replacement);
        }
    }

    private static string? SynonymOf(string word)
    {
        foreach (var (from, to) in Synonyms)
        {
            if (word.Equals(from, StringComparison.OrdinalIgnoreCase)) return to;
        }
        return null;
    }
}
