using Vigil.Detection;
using Vigil.Text;

namespace Vigil.Tests.Detection;

public class LexiconTests
{
    [Fact]
    public void Finds_every_entry_and_only_entries_even_when_crowded()
    {
        // Enough similar words that several share a first probe slot: the probe chain must run past them.
        var lines = new List<string>();
        for (var i = 0; i < 600; i++) lines.Add($"word{i}\t{(i % 2 == 0 ? "slur" : "trope")}");
        var lexicon = Lexicon.Parse(new StringReader(string.Join('\n', lines)), "test");
        for (var i = 0; i < 600; i++)
            Assert.Equal(i % 2 == 0 ? Cue.Slur : Cue.Trope, lexicon.Lookup($"word{i}"));
        for (var i = 600; i < 1200; i++) Assert.Equal(Cue.None, lexicon.Lookup($"word{i}"));
        Assert.Equal(Cue.None, lexicon.Lookup("word"));
        Assert.Equal(Cue.None, lexicon.Lookup(""));
    }

    [Fact]
    public void Repeated_words_join_their_cues_and_phrases_mark_their_first_word()
    {
        var lexicon = Lexicon.Parse(new StringReader("rat\tdehumanization\nrat\tslur\nhappy merchant\tcoded\n"), "test");
        Assert.Equal(Cue.Dehumanization | Cue.Slur, lexicon.Lookup("rat"));
        Assert.Equal(Cue.Coded, lexicon.Lookup("happy merchant"));
        Assert.Equal(Cue.PhraseStart, lexicon.Lookup("happy"));
        Assert.Equal(Cue.None, lexicon.Lookup("merchant"));
    }

    [Fact]
    public void Lookup_is_case_and_form_exact()
    {
        var lexicon = Lexicon.Parse(new StringReader("zog\tcoded\n"), "test");
        Assert.Equal(Cue.Coded, lexicon.Lookup("zog".AsSpan()));
        Assert.Equal(Cue.None, lexicon.Lookup("Zog"));
        Assert.Equal(Cue.None, lexicon.Lookup("zogs"));
        Assert.Equal(Cue.None, lexicon.Lookup("zo"));
    }

    [Fact]
    public void Every_entry_is_written_as_the_normaliser_leaves_it()
    {
        // Words are looked up after TextNormalizer, which drops diacritics and lower-cases: an entry written "judíos"
        // would never match anything. Reserved tokens (xx...) are the normaliser's own output and are not re-normalised.
        using var stream = typeof(Lexicon).Assembly.GetManifestResourceStream("Vigil.Detection.lexicon.v1.tsv")!;
        using var reader = new StreamReader(stream);
        var unreachable = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var word = line.Split('\t')[0];
            if (!word.StartsWith("xx", StringComparison.Ordinal) && TextNormalizer.Normalize(word) != word) unreachable.Add(word);
        }
        Assert.True(unreachable.Count == 0, "never matched after normalising: " + string.Join(", ", unreachable));
    }
}
